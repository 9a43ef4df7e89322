using System.Text;

namespace AirflowAspire.Hosting.Publishing;

/// <summary>How publishers write their files: UTF-8 without a byte-order mark, secrets readable by their owner only.</summary>
internal static class PublishedFiles
{
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes a file that only its owner may read, from the moment it exists.</summary>
    public static async Task WriteSecretAsync(string path, string text, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(path, options))
        {
            await stream.WriteAsync(Utf8.GetBytes(text), cancellationToken);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only to new files; an existing one keeps its mode unless told.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>
    /// The new text of the <c>.gitignore</c> at <paramref name="path"/> so that it lists <paramref name="entry"/>: a new
    /// file, or the existing one with the line added; null when it already lists it.
    /// </summary>
    public static string? GitIgnoreListing(string path, string entry)
    {
        if (!File.Exists(path))
        {
            return entry + "\n";
        }

        var text = File.ReadAllText(path);
        if (text.Split('\n').Select(l => l.Trim()).Any(l => l == entry || l == "/" + entry))
        {
            return null;
        }

        return text + (text.Length == 0 || text.EndsWith('\n') ? "" : "\n") + entry + "\n";
    }
}

using System.Text;

namespace AirflowAspire.Hosting.Publishing;

/// <summary>How publishers write their files: UTF-8 without a byte-order mark, secrets readable by their owner only.</summary>
internal static class PublishedFiles
{
    public static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Writes a file that only its owner may read, from the moment it exists: a new file beside it, made 0600 and
    /// then renamed over <paramref name="path"/>. So the new secrets never land in an existing file that others
    /// could read or hold open, and a symbolic link at <paramref name="path"/> is replaced, not followed.
    /// </summary>
    public static async Task WriteSecretAsync(string path, string text, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            await using (var stream = new FileStream(temporary, options))
            {
                if (!OperatingSystem.IsWindows())
                {
                    // The umask may have taken bits away from UnixCreateMode; the mode is exactly 0600 before any secret is in it.
                    File.SetUnixFileMode(stream.SafeFileHandle, OwnerOnly);
                }

                await stream.WriteAsync(Utf8.GetBytes(text), cancellationToken);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
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

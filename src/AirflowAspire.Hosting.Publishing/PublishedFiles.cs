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
    /// The new text of the <c>.gitignore</c> at <paramref name="path"/> so that it lists every one of <paramref name="entries"/>:
    /// a new file, or the existing one with the missing lines added; null when it already lists them all.
    /// </summary>
    public static string? GitIgnoreListing(string path, params string[] entries)
    {
        var text = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        var listed = text.Split('\n').Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        var missing = entries.Where(e => !listed.Contains(e) && !listed.Contains("/" + e)).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        return text + (text.Length == 0 || text.EndsWith('\n') ? "" : "\n") + string.Concat(missing.Select(e => e + "\n"));
    }
}

namespace AirflowAspire.DagPackager.Hashing;

/// <summary>
/// Whether the files of one context may be hard links to the project's files instead of copies, shared by the
/// threads that write it. Linking is asked for only for a context that lives for one build (see
/// <see cref="ContentHasher"/>), and is given up for the rest of the context at the first link that would cross
/// filesystems; a file that cannot be linked for another reason (not its owner under
/// <c>fs.protected_hardlinks</c>, a filesystem without hard links, too many links) is copied alone.
/// </summary>
internal sealed class HardLinks
{
    private volatile bool possible = LinuxFiles.Available;

    /// <summary>
    /// Links <paramref name="targetName"/> in the open folder <paramref name="targetFolder"/> to the file
    /// <paramref name="sourceName"/> in <paramref name="sourceFolder"/> is; false when it has to be copied.
    /// </summary>
    /// <param name="target">The link's full path, for an error.</param>
    public bool TryLink(int sourceFolder, string sourceName, int targetFolder, string targetName, string target)
    {
        if (!possible)
        {
            return false;
        }

        var errno = LinuxFiles.Link(sourceFolder, sourceName, targetFolder, targetName);
        switch (errno)
        {
            case 0:
                return true;
            case LinuxFiles.CrossDevice:
                possible = false;
                return false;
            case LinuxFiles.NotPermitted or LinuxFiles.TooManyLinks or LinuxFiles.NotSupported:
                return false;
            default:
                throw LinuxFiles.Error(target, "link", errno);
        }
    }
}

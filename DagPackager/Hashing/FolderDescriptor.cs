namespace AirflowAspire.DagPackager.Hashing;

/// <summary>
/// The folder a <see cref="ContextFileWriter"/> is working in, on one side (the project's, or the context's), kept
/// open for the run of files in it: each file is then opened, created or linked by its name in it
/// (<see cref="LinuxFiles"/>). The files come sorted by path, so a folder is opened about once per thread.
/// </summary>
internal sealed class FolderDescriptor : IDisposable
{
    private string? path;
    private int fd = -1;

    /// <summary>The descriptor of <paramref name="folder"/>, opened (and the previous one closed) when the folder changes.</summary>
    public int Of(ReadOnlySpan<char> folder)
    {
        if (path is null || !folder.SequenceEqual(path))
        {
            Dispose();
            path = folder.ToString();
            fd = LinuxFiles.OpenFolder(path);
        }

        return fd;
    }

    public void Dispose()
    {
        if (fd >= 0)
        {
            LinuxFiles.Close(fd);
        }

        (path, fd) = (null, -1);
    }
}

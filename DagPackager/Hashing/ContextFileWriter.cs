using System.Runtime.Versioning;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace AirflowAspire.DagPackager.Hashing;

/// <summary>
/// One thread's share of <see cref="ContentHasher"/>: reads a file once, hashing it and, given a target, putting it
/// into the context, with one buffer and one hash reused for every file. Into the context goes a hard link when
/// <see cref="HardLinks"/> allows one and the file already has the mode the image gets (0644 or 0755 exactly), else
/// a copy written in the same pass as the hash, with that mode. On Linux it uses plain system calls
/// (<see cref="LinuxFiles"/>); elsewhere .NET's file handles, and copies only.
/// </summary>
/// <param name="regularAsIs">New files come out 0644 under this umask (<see cref="CreatesRegularMode"/>).</param>
/// <param name="links">Whether this context may hold hard links; null for copies only.</param>
internal sealed class ContextFileWriter(bool regularAsIs, HardLinks? links) : IDisposable
{
    public const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public const UnixFileMode Regular = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const int BufferSize = 128 * 1024;

    private readonly byte[] buffer = new byte[BufferSize];
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly FolderDescriptor sourceFolder = new();
    private readonly FolderDescriptor targetFolder = new();

    /// <summary>The bytes this writer has read.</summary>
    public long Bytes { get; private set; }

    /// <summary>
    /// Whether a new file comes out 0644 under this process's umask (0022 and the like), so that regular files
    /// need no chmod each. Found once per context with a probe file.
    /// </summary>
    public static bool CreatesRegularMode(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        var probe = Path.Combine(directory, ".dag-packager-umask-probe");
        UnixFileMode created;
        using (var handle = File.OpenHandle(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            created = File.GetUnixFileMode(handle);
        }

        File.Delete(probe);
        return created == Regular;
    }

    /// <summary>Hashes <paramref name="source"/> into <paramref name="digest"/>, linking or copying it to <paramref name="target"/> unless null.</summary>
    /// <param name="executable">Whether the owner may execute the source.</param>
    public void Write(string source, string? target, Span<byte> digest, out bool executable) =>
        Bytes += LinuxFiles.Available ? WriteLinux(source, target, digest, out executable) : CopyPortable(source, target, digest, out executable);

    public void Dispose()
    {
        hash.Dispose();
        sourceFolder.Dispose();
        targetFolder.Dispose();
    }

    [SupportedOSPlatform("linux")]
    private long WriteLinux(string source, string? target, Span<byte> digest, out bool executable)
    {
        var inSource = sourceFolder.Of(Path.GetDirectoryName(source.AsSpan()));
        var sourceName = Path.GetFileName(source);
        var input = LinuxFiles.OpenRead(inSource, sourceName, source);
        var output = -1;
        try
        {
            UnixFileMode mode;
            using (var handle = new SafeFileHandle(input, ownsHandle: false))
            {
                mode = File.GetUnixFileMode(handle);
            }

            executable = (mode & UnixFileMode.UserExecute) != 0;
            var imageMode = executable ? Executable : Regular;

            if (target is not null)
            {
                var inTarget = targetFolder.Of(Path.GetDirectoryName(target.AsSpan()));
                var targetName = Path.GetFileName(target);

                // A link shares the file's inode, mode included: only a file that already has the image's mode is linked.
                if (!(mode == imageMode && links?.TryLink(inSource, sourceName, inTarget, targetName, target) == true))
                {
                    output = LinuxFiles.CreateNew(inTarget, targetName, (int)imageMode, target);
                    if (executable || !regularAsIs)
                    {
                        LinuxFiles.ChangeMode(output, (int)imageMode, target);
                    }
                }
            }

            long total = 0;
            int read;
            while ((read = LinuxFiles.Read(input, buffer, source)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                if (output >= 0)
                {
                    LinuxFiles.WriteAll(output, buffer, read, target!);
                }

                total += read;
                if (read < buffer.Length)
                {
                    break; // a regular file fills the buffer until its end: a short read is the end
                }
            }

            hash.GetHashAndReset(digest);
            return total;
        }
        finally
        {
            LinuxFiles.Close(input);
            if (output >= 0)
            {
                LinuxFiles.Close(output);
            }
        }
    }

    private long CopyPortable(string source, string? target, Span<byte> digest, out bool executable)
    {
        using var input = File.OpenHandle(source, FileMode.Open, FileAccess.Read, FileShare.Read);
        executable = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(input) & UnixFileMode.UserExecute) != 0;
        using var output = target is null ? null : Create(target, executable);
        long offset = 0;
        int read;
        do
        {
            read = RandomAccess.Read(input, buffer, offset);
            hash.AppendData(buffer, 0, read);
            if (output is not null && read > 0)
            {
                RandomAccess.Write(output, buffer.AsSpan(0, read), offset);
            }

            offset += read;
        }
        while (read == buffer.Length);

        hash.GetHashAndReset(digest);
        return offset;
    }

    private SafeFileHandle Create(string path, bool executable)
    {
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        if (!OperatingSystem.IsWindows() && (executable || !regularAsIs))
        {
            File.SetUnixFileMode(handle, executable ? Executable : Regular);
        }

        return handle;
    }
}

using System.Runtime.Versioning;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace AirflowAspire.DagPackager.Hashing;

/// <summary>
/// One thread's share of <see cref="ContentHasher"/>: reads a file, hashes it and, given a target, writes the copy
/// in the same pass, with one buffer and one hash reused for every file. On Linux it uses plain system calls
/// (<see cref="LinuxFiles"/>); elsewhere .NET's file handles.
/// </summary>
/// <param name="regularAsIs">New files come out 0644 under this umask (<see cref="CreatesRegularMode"/>).</param>
internal sealed class FileCopier(bool regularAsIs) : IDisposable
{
    public const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public const UnixFileMode Regular = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const int BufferSize = 128 * 1024;

    private readonly byte[] buffer = new byte[BufferSize];
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>The bytes this copier has read.</summary>
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

    /// <summary>Hashes <paramref name="source"/> into <paramref name="digest"/>, copying it to <paramref name="target"/> unless null.</summary>
    /// <param name="executable">Whether the owner may execute the source.</param>
    public void Copy(string source, string? target, Span<byte> digest, out bool executable) =>
        Bytes += LinuxFiles.Available ? CopyLinux(source, target, digest, out executable) : CopyPortable(source, target, digest, out executable);

    public void Dispose() => hash.Dispose();

    [SupportedOSPlatform("linux")]
    private long CopyLinux(string source, string? target, Span<byte> digest, out bool executable)
    {
        var input = LinuxFiles.OpenRead(source);
        var output = -1;
        try
        {
            using (var handle = new SafeFileHandle(input, ownsHandle: false))
            {
                executable = (File.GetUnixFileMode(handle) & UnixFileMode.UserExecute) != 0;
            }

            if (target is not null)
            {
                output = LinuxFiles.CreateNew(target, (int)(executable ? Executable : Regular));
                if (executable || !regularAsIs)
                {
                    File.SetUnixFileMode(target, executable ? Executable : Regular);
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

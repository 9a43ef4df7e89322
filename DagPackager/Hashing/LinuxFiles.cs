using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace AirflowAspire.DagPackager.Hashing;

/// <summary>
/// Plain open/read/write/close on Linux, for copying thousands of small files: .NET's file handles add an
/// fstat and an advisory lock to every open, which for a 2 KB DAG file costs more than reading it.
/// </summary>
internal static class LinuxFiles
{
    private const int ReadOnly = 0x0;
    private const int WriteOnly = 0x1;
    private const int Create = 0x40;
    private const int Exclusive = 0x80;
    private const int CloseOnExec = 0x80000;
    private const int Interrupted = 4;

    [SupportedOSPlatformGuard("linux")]
    public static bool Available => OperatingSystem.IsLinux();

    public static int OpenRead(string path) => Check(open(path, ReadOnly | CloseOnExec, 0), path, "open");

    /// <summary>A new file (never an existing one) with the mode less the umask.</summary>
    public static int CreateNew(string path, int mode) => Check(open(path, WriteOnly | Create | Exclusive | CloseOnExec, mode), path, "create");

    public static int Read(int fd, byte[] buffer, string path)
    {
        while (true)
        {
            var count = read(fd, buffer, buffer.Length);
            if (count >= 0)
            {
                return (int)count;
            }

            if (Marshal.GetLastPInvokeError() != Interrupted)
            {
                throw Error(path, "read");
            }
        }
    }

    public static void WriteAll(int fd, byte[] buffer, int count, string path)
    {
        for (var offset = 0; offset < count;)
        {
            var written = write(fd, ref buffer[offset], count - offset);
            if (written < 0 && Marshal.GetLastPInvokeError() == Interrupted)
            {
                continue;
            }

            offset += written > 0 ? (int)written : throw Error(path, "write");
        }
    }

    public static void Close(int fd) => close(fd);

    private static int Check(int fd, string path, string operation) => fd >= 0 ? fd : throw Error(path, operation);

    private static IOException Error(string path, string operation)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"Could not {operation} {path}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
    }

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int open(string path, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    private static extern nint read(int fd, byte[] buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    private static extern nint write(int fd, ref byte buffer, nint count);

    [DllImport("libc")]
    private static extern int close(int fd);
}

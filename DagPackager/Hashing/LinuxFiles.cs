using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace AirflowAspire.DagPackager.Hashing;

/// <summary>
/// Plain open/read/write/close and linkat on Linux, for hashing and linking or copying thousands of small files:
/// .NET's file handles add an fstat and an advisory lock to every open, which for a 2 KB DAG file costs more than
/// reading it, and .NET has no hard links. Files are opened, created and linked by name in an open folder
/// (<see cref="FolderDescriptor"/>), which spares the kernel a walk of the whole path each time; the full path is
/// for error messages.
/// </summary>
internal static class LinuxFiles
{
    private const int ReadOnly = 0x0;
    private const int WriteOnly = 0x1;
    private const int Create = 0x40;
    private const int Exclusive = 0x80;
    private const int DirectoryOnly = 0x10000;
    private const int PathOnly = 0x200000;
    private const int CloseOnExec = 0x80000;
    private const int Interrupted = 4;
    private const int AtSymlinkFollow = 0x400;

    // errno values of linkat that mean "copy instead".
    public const int NotPermitted = 1;
    public const int CrossDevice = 18;
    public const int TooManyLinks = 31;
    public const int NotSupported = 95;

    [SupportedOSPlatformGuard("linux")]
    public static bool Available => OperatingSystem.IsLinux();

    /// <summary>A folder to open, create and link files in by name.</summary>
    public static int OpenFolder(string path) => Check(open(path, PathOnly | DirectoryOnly | CloseOnExec, 0), path, "open");

    public static int OpenRead(int folder, string name, string path) => Check(openat(folder, name, ReadOnly | CloseOnExec, 0), path, "open");

    /// <summary>A new file (never an existing one) with the mode less the umask.</summary>
    public static int CreateNew(int folder, string name, int mode, string path) =>
        Check(openat(folder, name, WriteOnly | Create | Exclusive | CloseOnExec, mode), path, "create");

    /// <summary>Sets the mode exactly, whatever the umask.</summary>
    public static void ChangeMode(int fd, int mode, string path)
    {
        if (fchmod(fd, mode) != 0)
        {
            throw Error(path, "chmod");
        }
    }

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

    /// <summary>
    /// A new hard link <paramref name="targetName"/> in <paramref name="targetFolder"/> to the file
    /// <paramref name="sourceName"/> in <paramref name="sourceFolder"/>, through a symbolic link to the file it leads
    /// to (plain link(2) would link the symbolic link itself); 0, or the errno.
    /// </summary>
    public static int Link(int sourceFolder, string sourceName, int targetFolder, string targetName) =>
        linkat(sourceFolder, sourceName, targetFolder, targetName, AtSymlinkFollow) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public static IOException Error(string path, string operation, int errno) =>
        new($"Could not {operation} {path}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");

    private static int Check(int fd, string path, string operation) => fd >= 0 ? fd : throw Error(path, operation);

    private static IOException Error(string path, string operation) => Error(path, operation, Marshal.GetLastPInvokeError());

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int open(string path, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    private static extern nint read(int fd, byte[] buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    private static extern nint write(int fd, ref byte buffer, nint count);

    [DllImport("libc")]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int openat(int folder, string name, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int fchmod(int fd, int mode);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int linkat(int oldDirectory, string oldPath, int newDirectory, string newPath, int flags);
}

using System.Runtime.InteropServices;

namespace AirflowAspire.Hosting.Orchestration.Processes;

/// <summary>The few libc calls .NET has no API for: sending any signal, changing a file's owner, the effective user.</summary>
internal static partial class PosixNative
{
    public const int SigKill = 9;

    public static bool IsRoot => !OperatingSystem.IsWindows() && geteuid() == 0;

    /// <summary>Sends <paramref name="signal"/>; false when the process no longer exists.</summary>
    public static bool Signal(int pid, int signal) => kill(pid, signal) == 0;

    /// <summary>Changes the owner of a file or folder without following a symbolic link.</summary>
    public static void ChangeOwner(string path, uint userId, uint groupId)
    {
        if (lchown(path, userId, groupId) != 0)
        {
            throw new IOException($"Could not give {path} to user id {userId}: error {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int lchown(string path, uint owner, uint group);

    [DllImport("libc")]
    private static extern uint geteuid();
}

using System.Runtime.InteropServices;

namespace AirflowAspire.Bench.Orchestration;

/// <summary>The libc calls .NET has no API for: any signal, a file's owner, the effective user.</summary>
internal static class PosixCalls
{
    public const int SigKill = 9;

    public static bool IsRoot => geteuid() == 0;

    public static void Signal(int pid, int signal) => _ = kill(pid, signal);

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

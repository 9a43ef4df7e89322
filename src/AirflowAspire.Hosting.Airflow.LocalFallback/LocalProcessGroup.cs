using System.Diagnostics;
using System.Globalization;

namespace AirflowAspire.Hosting.Airflow.LocalFallback;

/// <summary>
/// A short local command started in a process group of its own (util-linux's <c>setsid</c>, which execs the
/// program in place, so the group's id is the process's), so that stopping it after a timeout stops what it
/// started too, even children that left its tree: SIGTERM to the group, SIGKILL after a grace period. Without
/// <c>setsid</c> on PATH (macOS) the command runs directly and only its process tree is killed.
/// </summary>
internal static class LocalProcessGroup
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private static readonly Lazy<string?> SetSid = new(() => File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : LocalProcesses.FindOnPath("setsid"));

    /// <summary>Start information for the program, in a group of its own where <c>setsid</c> is found.</summary>
    public static ProcessStartInfo StartInfo(string program, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(SetSid.Value ?? program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (SetSid.Value is not null)
        {
            start.ArgumentList.Add(program);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>Stops the program and everything in its group: SIGTERM, then SIGKILL after the grace period. Bounded.</summary>
    public static async Task StopAsync(Process process)
    {
        if (SetSid.Value is not null && !process.HasExited)
        {
            await SignalGroupAsync(process.Id, "TERM").ConfigureAwait(false);
            using var grace = new CancellationTokenSource(StopGrace);
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Still there after the grace period: killed below.
            }

            await SignalGroupAsync(process.Id, "KILL").ConfigureAwait(false);
        }

        process.Kill(entireProcessTree: true);
    }

    /// <summary><c>kill -SIGNAL -group</c> (the shell's own kill, which every system has); a group already gone is no failure.</summary>
    private static async Task SignalGroupAsync(int group, string signal)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", $"kill -{signal} -\"$0\" 2>/dev/null || true", group.ToString(CultureInfo.InvariantCulture) },
        };

        using var kill = Process.Start(start)!;
        using var bounded = new CancellationTokenSource(StopGrace);
        try
        {
            await kill.WaitForExitAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            kill.Kill();
        }
    }
}

using System.Diagnostics;
using AirflowAspire.Hosting.Airflow.LocalFallback;
using AirflowAspire.TestSupport;

namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>
/// A local health check or set-up command stopped after its timeout leaves no process behind, not even one that
/// left the command's process tree (its parent exited first), as a timed-out command's children otherwise would.
/// </summary>
public class LocalProcessGroupTests
{
    [Fact]
    public async Task A_stopped_command_leaves_no_process_not_even_one_that_left_its_tree()
    {
        // The inner sh starts a sleep in the background, prints its PID and exits: that sleep is no longer a descendant.
        var start = LocalProcessGroup.StartInfo("/bin/sh", ["-c", "sh -c 'sleep 300 >/dev/null 2>&1 & echo $$ $!'; exec sleep 300"]);
        using var command = Process.Start(start)!;
        var pids = (await command.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1)))!.Split(' ')
            .Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var (innerShell, left) = (pids[0], pids[1]);
        await BoundedWait.UntilAsync($"the sleep {left} to leave the command's tree (its parent shell {innerShell} exited)", TimeSpan.FromSeconds(30),
            () => Task.FromResult((ParentOf(left) != innerShell, $"parent {ParentOf(left)}")));
        Assert.True(IsAlive(left), $"the sleep {left} the command left runs");

        await LocalProcessGroup.StopAsync(command).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(command.HasExited);
        await BoundedWait.UntilAsync($"the sleep {left} the stopped command left to be gone", TimeSpan.FromSeconds(30),
            () => Task.FromResult((!IsAlive(left), IsAlive(left) ? $"{left} still runs" : "gone")));
    }

    private static int ParentOf(int pid) =>
        int.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("PPid:", StringComparison.Ordinal))["PPid:".Length..].Trim(),
            System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether the process runs (a zombie waiting for its parent does not count).</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() is not 'Z' and not 'X';
        }
        catch (IOException)
        {
            return false;
        }
    }
}

using AirflowAspire.Hosting.Orchestration;

namespace AirflowAspire.Orchestration.Tests.Containers;

/// <summary>A health command run the way the orchestrator runs it: again and again until it passes.</summary>
internal static class HealthCommand
{
    public static async Task<CommandResult> UntilPassesAsync(
        IRunningWorkload workload, IReadOnlyList<string> command, bool useShell, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var result = await workload.ExecAsync(command, useShell, TimeSpan.FromSeconds(10), CancellationToken.None);
            if (result.ExitCode == 0 || DateTime.UtcNow > deadline)
            {
                return result;
            }

            await Task.Delay(250);
        }
    }
}

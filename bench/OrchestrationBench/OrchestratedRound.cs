using System.Diagnostics;
using AirflowAspire.Hosting.Orchestration.Processes;
using AirflowAspire.Hosting.Orchestration;
using AirflowAspire.Hosting;

namespace AirflowAspire.Bench.Orchestration;

/// <summary>
/// Ours: the real Orchestrator over a <see cref="ProcessRuntime"/>, timed from creating the runtime until
/// the <see cref="ResourceNotificationService"/> shows every server Running and Healthy. Then the
/// orchestrator stops everything, as at Ctrl-C.
/// </summary>
internal static class OrchestratedRound
{
    public static async Task<RoundTiming> RunAsync(DistributedApplicationModel model, string stateDirectory, TimeSpan limit)
    {
        var notifications = new ResourceNotificationService();
        var logs = new ResourceLogService();
        var timing = new RoundTiming();
        using var watching = new CancellationTokenSource(limit);
        var started = Stopwatch.GetTimestamp();
        var startedAt = DateTimeOffset.UtcNow;
        var watcher = WatchAsync(notifications, timing, started, watching.Token);

        var runtime = new ProcessRuntime(model, stateDirectory, RoundEnvironment.For(stateDirectory));
        await using var orchestrator = new Orchestrator(
            model, runtime, BenchModel.ParameterValue, notifications, logs,
            new TerminalReporter(TextWriter.Null, TimeProvider.System));
        try
        {
            await orchestrator.StartAsync(watching.Token);
            await watcher;
            RecordReady(logs, timing, startedAt);
        }
        finally
        {
            using var stopLimit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await orchestrator.StopAsync(stopLimit.Token);
        }

        return timing;
    }

    /// <summary>When each server said it was ready, from the time the runtime's log gave its line.</summary>
    private static void RecordReady(ResourceLogService logs, RoundTiming timing, DateTimeOffset startedAt)
    {
        foreach (var server in BenchModel.Servers)
        {
            if (logs.GetBuffer(server).Snapshot().FirstOrDefault(l => ReadyMarkers.SaysReady(server, l.Text)) is { } line)
            {
                timing.Ready(server, line.Timestamp - startedAt);
            }
        }
    }

    /// <summary>Records each server's first Running and first Running+Healthy snapshot; fails on a failed start.</summary>
    private static async Task WatchAsync(ResourceNotificationService notifications, RoundTiming timing, long started, CancellationToken cancellationToken)
    {
        await foreach (var snapshot in notifications.WatchAsync(cancellationToken))
        {
            var at = Stopwatch.GetElapsedTime(started);
            if (!BenchModel.Servers.Contains(snapshot.Name))
            {
                continue;
            }

            if (snapshot.State is ResourceState.FailedToStart or ResourceState.Exited or ResourceState.RuntimeUnavailable)
            {
                throw new InvalidOperationException($"ours: {snapshot.Name} is {snapshot.State}: {snapshot.StateMessage}");
            }

            if (snapshot.State == ResourceState.Running)
            {
                timing.Launched(snapshot.Name, at);
                if (snapshot.Health == HealthStatus.Healthy)
                {
                    timing.Healthy(snapshot.Name, at);
                    if (timing.AllHealthy)
                    {
                        return;
                    }
                }
            }
        }
    }
}

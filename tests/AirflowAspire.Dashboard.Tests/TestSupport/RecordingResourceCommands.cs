using System.Collections.Concurrent;
using AirflowAspire.Hosting.Orchestration;

namespace AirflowAspire.Dashboard.Tests.TestSupport;

/// <summary>
/// Stands in for the orchestrator: records each command, and moves the resource to the state the real one
/// would reach, so the page's buttons follow as they would in a run.
/// </summary>
internal sealed class RecordingResourceCommands(ResourceNotificationService resources) : IResourceCommands
{
    private readonly ConcurrentQueue<string> calls = new();

    /// <summary>"stop postgres", "start postgres", ... in the order they came.</summary>
    public IReadOnlyList<string> Calls => [.. calls];

    public Task StartAsync(string resourceName, CancellationToken cancellationToken)
    {
        calls.Enqueue($"start {resourceName}");
        resources.Update(resourceName, r => r with { State = ResourceState.Running, Health = HealthStatus.Healthy });
        return Task.CompletedTask;
    }

    public Task StopAsync(string resourceName, CancellationToken cancellationToken)
    {
        calls.Enqueue($"stop {resourceName}");
        resources.Update(resourceName, r => r with { State = ResourceState.Stopped, Health = HealthStatus.Unknown });
        return Task.CompletedTask;
    }

    public Task RestartAsync(string resourceName, CancellationToken cancellationToken)
    {
        calls.Enqueue($"restart {resourceName}");
        resources.Update(resourceName, r => r with { State = ResourceState.Running, RestartCount = r.RestartCount + 1 });
        return Task.CompletedTask;
    }
}

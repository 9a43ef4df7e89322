using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Orchestration;

/// <summary>Holds a resource back until every resource it waits for is healthy, or has completed.</summary>
internal sealed class DependencyGate(ResourceNotificationService notifications)
{
    /// <summary>Completes when all waits are satisfied; reports what is still awaited whenever that changes.</summary>
    public async Task WaitAsync(IResource resource, Action<string> report, CancellationToken cancellationToken)
    {
        var pending = resource.GetWaits()
            .Select(w => (Wait: w, Target: Effective(w.Resource)))
            .Where(w => w.Target is not null)
            .ToList();
        if (pending.Count == 0)
        {
            return;
        }

        await foreach (var snapshot in notifications.WatchAsync(cancellationToken))
        {
            var before = pending.Count;
            pending.RemoveAll(w => w.Target!.Name == snapshot.Name && IsSatisfied(snapshot, w.Wait.Type));
            if (pending.Count == 0)
            {
                return;
            }

            if (pending.Count != before || pending.Any(w => w.Target!.Name == snapshot.Name))
            {
                report("Waiting for " + string.Join(", ", pending.Select(w => Describe(w.Wait, w.Target!))));
            }
        }
    }

    /// <summary>The resource whose state answers a wait: a database's server; null when nothing runs (a parameter).</summary>
    private static IResource? Effective(IResource resource) => resource switch
    {
        ContainerResource => resource,
        IResourceWithParent child => Effective(child.Parent),
        _ => null,
    };

    private static bool IsSatisfied(ResourceSnapshot snapshot, WaitType type) => type switch
    {
        WaitType.UntilHealthy => snapshot.State == ResourceState.Running && snapshot.Health == HealthStatus.Healthy,
        WaitType.UntilCompleted => snapshot.State == ResourceState.Finished,
        _ => false,
    };

    private string Describe(WaitAnnotation wait, IResource target)
    {
        var state = notifications.Get(target.Name);
        var now = state is null ? "" : $": {state.State}{(state.ExitCode is { } code && state.State != ResourceState.Running ? $", exit code {code}" : "")}";
        return $"{target.Name} to be {(wait.Type == WaitType.UntilHealthy ? "healthy" : "completed")}{now}";
    }
}

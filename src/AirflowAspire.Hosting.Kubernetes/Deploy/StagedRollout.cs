using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Deploy's staged apply: configuration, servers, run-once Jobs, then the components with their policies, waiting for
/// each stage's workloads (<see cref="RolloutWatch"/>) within one deadline before the next; a workload that cannot become
/// ready is listed and the rest still applied. A rollback applies its saved objects the same way.
/// </summary>
internal static class StagedRollout
{
    private static readonly DeployStages.Stage[] Order =
        [DeployStages.Stage.Configuration, DeployStages.Stage.Servers, DeployStages.Stage.Jobs, DeployStages.Stage.Components];

    /// <param name="objects">What to apply; the namespace is left out (deploy applies it before anything else).</param>
    /// <param name="apply">Applies one object.</param>
    /// <returns>The workloads that did not become ready, each with why.</returns>
    public static async Task<IReadOnlyList<string>> RunAsync(
        IEnumerable<JsonObject> objects, IReadOnlySet<string> startedAfterJobs, Func<JsonObject, Task> apply, RolloutWatch watch, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var staged = objects.ToLookup(o => DeployStages.Of(o, startedAfterJobs) is var stage && stage == DeployStages.Stage.Policies ? DeployStages.Stage.Components : stage);
        var deadline = DateTimeOffset.UtcNow + timeout;
        var failures = new List<string>();
        foreach (var stage in Order)
        {
            var items = staged[stage].ToList();
            foreach (var item in items)
            {
                await apply(item);
            }

            var workloads = items.Select(ObjectKey.Of).Where(k => WorkloadReadiness.IsWorkload(k.Kind)).ToList();
            if (workloads.Count > 0)
            {
                var results = await watch.WaitAsync(workloads, deadline, timeout, cancellationToken);
                failures.AddRange(results.Where(r => r.Value is WorkloadState.Failed).Select(r => $"{r.Key}: {r.Value.Summary}"));
            }
        }

        return failures;
    }
}

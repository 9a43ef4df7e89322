using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// Stops an Airflow's components so nothing writes to its database: applies their objects with no replicas (full
/// objects, so the fields stay deploy's own and the next apply brings them back) and waits, within the deploy timeout,
/// until their pods are gone. Before a snapshot and before a restore.
/// </summary>
internal static class AirflowComponentsStop
{
    /// <param name="force">Take the fields back from another manager (a rollback does; a deploy only with --adopt).</param>
    /// <param name="otherwise">What it means when a pod stays, for the message: e.g. "so nothing was migrated".</param>
    public static async Task StopAsync(
        ClusterApi api, IReadOnlyList<JsonObject> workloads, string @namespace, TimeSpan timeout, bool force, string otherwise, CancellationToken cancellationToken)
    {
        foreach (var workload in workloads)
        {
            var stopped = (JsonObject)workload.DeepClone();
            stopped["spec"]!["replicas"] = 0;
            await api.ApplyAsync(stopped, dryRun: false, force, cancellationToken);
        }

        var deadline = DateTimeOffset.UtcNow + timeout;
        foreach (var workload in workloads)
        {
            var selector = string.Join(",", ((JsonObject)workload["spec"]!["selector"]!["matchLabels"]!).Select(l => $"{l.Key}={l.Value}"));
            while ((await api.PodsAsync(@namespace, selector, cancellationToken)).Count > 0)
            {
                if (DateTimeOffset.UtcNow > deadline)
                {
                    throw new DistributedApplicationException(
                        $"{workload["kind"]}/{workload["metadata"]?["name"]} still has pods {timeout.TotalSeconds:0} s after deploy scaled it to 0, {otherwise}; " +
                        "see `kubectl get pods`, or raise --deploy-timeout.");
                }

                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }
}

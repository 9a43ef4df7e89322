using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// A Job deploy runs once for an answer (a migration's SQL, a database dump) and deletes again: created fresh (an
/// earlier one of this deployment's, left by a run cut short, is deleted first; one of that name that is not this
/// deployment's stops it), waited for within a bound, its container's whole output read.
/// </summary>
internal static class OneShotJob
{
    public static async Task<(bool Succeeded, string Output)> RunAsync(
        ClusterApi api, JsonObject job, string container, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var key = ObjectKey.Of(job);
        await DeleteEarlierAsync(api, job, key, cancellationToken);
        await api.ApplyAsync(job, dryRun: false, force: false, cancellationToken);
        try
        {
            return await WaitAsync(api, key, container, timeout, cancellationToken);
        }
        finally
        {
            await api.DeleteAsync(key, CancellationToken.None);
        }
    }

    private static async Task DeleteEarlierAsync(ClusterApi api, JsonObject job, ObjectKey key, CancellationToken cancellationToken)
    {
        if (await api.GetAsync(key, cancellationToken) is not { } earlier)
        {
            return;
        }

        var instance = (string?)job["metadata"]?["labels"]?[KubernetesContext.InstanceLabel];
        if ((string?)earlier["metadata"]?["labels"]?[KubernetesContext.InstanceLabel] != instance)
        {
            throw new DistributedApplicationException(
                $"Deploy needs the Job '{key.Name}' in namespace '{key.Namespace}', and one of that name that this deployment did not make exists; rename or delete it.");
        }

        await api.DeleteAsync(key, cancellationToken, foreground: true);
        for (var waited = 0; waited < 60 && await api.GetAsync(key, cancellationToken) is not null; waited++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private static async Task<(bool, string)> WaitAsync(ClusterApi api, ObjectKey key, string container, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var live = await api.GetAsync(key, cancellationToken);
            var succeeded = (int?)live?["status"]?["succeeded"] > 0;
            if (succeeded || (int?)live?["status"]?["failed"] > 0)
            {
                var pods = await api.PodsAsync(key.Namespace!, $"job-name={key.Name}", cancellationToken);
                var output = pods.Count == 0 ? string.Empty : await api.LogAsync(key.Namespace!, pods[0].Metadata.Name, container, cancellationToken);
                return (succeeded, output.Trim('\r', '\n').TrimEnd());
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }

        return (false, $"the Job {key.Name} did not finish within {timeout.TotalSeconds:0} s (--deploy-timeout).");
    }
}

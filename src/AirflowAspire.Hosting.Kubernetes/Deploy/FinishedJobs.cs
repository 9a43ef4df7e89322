using System.Net;
using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Jobs of this deployment whose pod template the model changed (a new image, new settings). A Job's template cannot
/// change, so a finished one is deleted and created anew, which runs it again, as its TTL would have let happen: the
/// TTL controller may not have removed it yet, and before Kubernetes 1.21 it is off by default. A Job still running
/// is not interrupted: deploy stops and says to wait for it.
/// </summary>
internal static class FinishedJobs
{
    public static async Task<IReadOnlySet<ObjectKey>> ToReplaceAsync(
        ClusterApi api, IEnumerable<JsonObject> objects, string instance, bool adopt, CancellationToken cancellationToken)
    {
        var replace = new HashSet<ObjectKey>();
        foreach (var job in objects.Where(o => (string?)o["kind"] == "Job"))
        {
            var key = ObjectKey.Of(job);
            if (await api.GetAsync(key, cancellationToken) is not { } live || !DeploymentOwnership.IsOurs(live, instance))
            {
                continue;
            }

            try
            {
                await api.ApplyAsync(job, dryRun: true, force: adopt, cancellationToken);
            }
            catch (ClusterApiException e) when (e.Status == HttpStatusCode.UnprocessableEntity && e.Reason.Contains("field is immutable", StringComparison.Ordinal))
            {
                if (!IsFinished(live))
                {
                    throw new DistributedApplicationException(
                        $"{key} still runs with its previous pod template, which a Job cannot change, so nothing was applied; wait until it finishes " +
                        $"(kubectl -n {key.Namespace} wait --for=condition=complete job/{key.Name}), then deploy again.");
                }

                replace.Add(key);
            }
        }

        return replace;
    }

    /// <summary>Deletes the Job with its pods and waits until it is gone, so it can be created again.</summary>
    public static async Task DeleteAsync(ClusterApi api, ObjectKey key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await api.DeleteAsync(key, cancellationToken, foreground: true);
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (await api.GetAsync(key, cancellationToken) is not null)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new DistributedApplicationException($"{key} was deleted to run again with its new pod template, but is still there after {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private static bool IsFinished(JsonObject live) =>
        (live["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>()
            .Any(c => (string?)c["type"] is "Complete" or "Failed" && (string?)c["status"] == "True") == true;
}

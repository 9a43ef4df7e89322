using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Whether a workload, as the server reports it, has finished rolling out: as <c>kubectl rollout status</c> judges
/// Deployments, StatefulSets and DaemonSets, and a Job once it completed.
/// </summary>
internal static class WorkloadReadiness
{
    public static bool IsWorkload(string kind) => kind is "Deployment" or "StatefulSet" or "DaemonSet" or "Job";

    /// <summary>Ready, or null while it is not; a Job that failed is <see cref="WorkloadState.Failed"/>.</summary>
    public static WorkloadState? Judge(JsonObject live)
    {
        var kind = (string?)live["kind"];
        var status = live["status"] as JsonObject ?? [];
        var generation = (long?)live["metadata"]?["generation"] ?? 0;
        var observed = (long?)status["observedGeneration"] ?? 0;
        if (kind != "Job" && observed < generation)
        {
            return null;
        }

        int Count(string field) => (int?)status[field] ?? 0;
        var wanted = (int?)live["spec"]?["replicas"] ?? 1;
        switch (kind)
        {
            case "Deployment":
                return Count("updatedReplicas") >= wanted && Count("availableReplicas") >= wanted && Count("replicas") <= wanted
                    ? new WorkloadState.Ready($"{Count("availableReplicas")}/{wanted} available")
                    : null;
            case "StatefulSet":
                return Count("readyReplicas") >= wanted && Count("updatedReplicas") >= wanted
                    ? new WorkloadState.Ready($"{Count("readyReplicas")}/{wanted} ready")
                    : null;
            case "DaemonSet":
                var desired = Count("desiredNumberScheduled");
                return Count("numberReady") >= desired && Count("updatedNumberScheduled") >= desired
                    ? new WorkloadState.Ready($"{Count("numberReady")}/{desired} ready")
                    : null;
            case "Job":
                foreach (var condition in (status["conditions"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if ((string?)condition["status"] != "True")
                    {
                        continue;
                    }

                    switch ((string?)condition["type"])
                    {
                        case "Complete":
                            return new WorkloadState.Ready("completed");
                        case "Failed":
                            return new WorkloadState.Failed($"the Job failed: {condition["message"] ?? condition["reason"]}");
                    }
                }

                return null;
            default:
                return new WorkloadState.Ready("applied");
        }
    }

    /// <summary>The label selector of a workload's pods, as a query string: its matchLabels, or job-name for a Job.</summary>
    public static string PodSelector(JsonObject live)
    {
        if ((string?)live["kind"] == "Job")
        {
            return $"job-name={live["metadata"]?["name"]}";
        }

        var labels = live["spec"]?["selector"]?["matchLabels"] as JsonObject ?? [];
        return string.Join(",", labels.Select(l => $"{l.Key}={l.Value}"));
    }
}

using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// The order deploy applies objects in: what pods read (accounts, RBAC, Secrets, ConfigMaps, claims, Services),
/// then the servers (Postgres, the broker), then the run-once Jobs (a migration), then the workloads the templates
/// start after those Jobs (<see cref="IKubernetesTemplate.StartedAfterJobs"/>: Airflow's components), then what only
/// refers to workloads (disruption budgets, autoscalers, Ingress).
/// </summary>
internal static class DeployStages
{
    public enum Stage
    {
        Namespace,
        Configuration,
        Servers,
        Jobs,
        Components,
        Policies,
    }

    /// <summary>The names of the resources whose workloads go after the Jobs, as the templates say.</summary>
    public static IReadOnlySet<string> StartedAfterJobs(DistributedApplicationModel model) =>
        KubernetesTemplates.Create().SelectMany(t => t.StartedAfterJobs(model)).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

    /// <param name="startedAfterJobs">The resource names <see cref="StartedAfterJobs"/> gives.</param>
    public static Stage Of(JsonObject item, IReadOnlySet<string> startedAfterJobs) => (string?)item["kind"] switch
    {
        "Namespace" => Stage.Namespace,
        "Job" or "CronJob" => Stage.Jobs,
        "Deployment" or "StatefulSet" or "DaemonSet" =>
            startedAfterJobs.Contains((string?)item["metadata"]?["labels"]?[KubernetesContext.NameLabel] ?? string.Empty) ? Stage.Components : Stage.Servers,
        "PodDisruptionBudget" or "HorizontalPodAutoscaler" or "ScaledObject" or "Ingress" or "NetworkPolicy" => Stage.Policies,
        _ => Stage.Configuration,
    };
}

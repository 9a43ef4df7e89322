using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// The order deploy applies objects in: what pods read (accounts, RBAC, Secrets, ConfigMaps, claims, Services),
/// then the servers Airflow needs (Postgres, the broker), then the migration Job, then Airflow's components, then
/// what only refers to workloads (disruption budgets, autoscalers, Ingress).
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

    public static Stage Of(JsonObject item, IReadOnlySet<string> airflowResourceNames) => (string?)item["kind"] switch
    {
        "Namespace" => Stage.Namespace,
        "Job" or "CronJob" => Stage.Jobs,
        "Deployment" or "StatefulSet" or "DaemonSet" =>
            airflowResourceNames.Contains((string?)item["metadata"]?["labels"]?[KubernetesContext.NameLabel] ?? string.Empty) ? Stage.Components : Stage.Servers,
        "PodDisruptionBudget" or "HorizontalPodAutoscaler" or "ScaledObject" or "Ingress" or "NetworkPolicy" => Stage.Policies,
        _ => Stage.Configuration,
    };
}

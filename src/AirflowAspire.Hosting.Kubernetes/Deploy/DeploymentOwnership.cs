using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Whether an object in the cluster belongs to this deployment: it carries the managed-by label of this tool and the
/// deployment's instance label, as everything deploy applies does. Deploy takes over nothing else without
/// <c>--adopt</c>, and prune and destroy delete nothing else, whatever the inventory lists.
/// </summary>
internal static class DeploymentOwnership
{
    public static bool IsOurs(JsonObject live, string instance) =>
        (string?)live["metadata"]?["labels"]?[KubernetesContext.ManagedByLabel] == KubernetesContext.ManagedBy
        && (string?)live["metadata"]?["labels"]?[KubernetesContext.InstanceLabel] == instance;

    /// <summary>The labels, as a user reads them in a message.</summary>
    public static string Labels(string instance) =>
        $"{KubernetesContext.ManagedByLabel}={KubernetesContext.ManagedBy} and {KubernetesContext.InstanceLabel}={instance}";
}

using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Whether an object in the cluster belongs to this deployment: it carries the managed-by label of this tool and the
/// deployment's instance label, as everything deploy applies does. Deploy takes over nothing else without
/// <c>--adopt</c>, and prune and destroy delete nothing else, whatever the inventory lists.
/// </summary>
internal static class DeploymentOwnership
{
    public static bool IsOurs(JsonObject live, string instance)
    {
        var labels = live["metadata"]?["labels"];
        if ((string?)labels?[KubernetesContext.ManagedByLabel] != KubernetesContext.ManagedBy)
        {
            return false;
        }

        return (string?)labels?[KubernetesContext.InstanceLabel] is { } labelled
            ? labelled == instance
            : WasMadeBeforeTheInstanceLabel(labels, instance);
    }

    /// <summary>The labels, as a user reads them in a message.</summary>
    public static string Labels(string instance) =>
        $"{KubernetesContext.ManagedByLabel}={KubernetesContext.ManagedBy} and {KubernetesContext.InstanceLabel}={instance}";

    /// <summary>
    /// Deploys before every object got the instance label left the Secret, the RBAC objects and the inventory with
    /// the part-of label alone: the application's name, which the instance (name prefix and application name) ends
    /// with. They are still this deployment's, so the first deploy after an upgrade does not refuse its own objects.
    /// </summary>
    private static bool WasMadeBeforeTheInstanceLabel(JsonNode? labels, string instance) =>
        (string?)labels?[KubernetesContext.PartOfLabel] is { Length: > 0 } application
        && instance.EndsWith(application, StringComparison.Ordinal);
}

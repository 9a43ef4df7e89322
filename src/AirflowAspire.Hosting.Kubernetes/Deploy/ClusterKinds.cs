namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// The kinds a published tree can hold, so the only ones deploy records and destroy deletes. How the API server
/// addresses each (its plural and scope) deploy asks the server (<see cref="ApiResources"/>); of these kinds, only the
/// Namespace is cluster-scoped, and the tree holds just the one it deploys to.
/// </summary>
internal static class ClusterKinds
{
    private static readonly HashSet<string> Kinds = new(StringComparer.Ordinal)
    {
        "Namespace", "ServiceAccount", "Secret", "ConfigMap", "Service", "PersistentVolumeClaim", "Pod", "Role", "RoleBinding",
        "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "PodDisruptionBudget", "HorizontalPodAutoscaler", "Ingress",
        "NetworkPolicy", "ScaledObject",
    };

    public static bool IsClusterScoped(string? kind) => kind == "Namespace";

    public static bool IsKnown(string kind) => Kinds.Contains(kind);
}

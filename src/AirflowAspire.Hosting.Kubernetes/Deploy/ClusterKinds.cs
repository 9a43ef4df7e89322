namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// The kinds a published tree can hold, with the REST names the API server uses for them. Deploy addresses every
/// object through these, so it needs no typed client per kind.
/// </summary>
internal static class ClusterKinds
{
    private static readonly Dictionary<string, (string Plural, bool Namespaced)> Kinds = new(StringComparer.Ordinal)
    {
        ["Namespace"] = ("namespaces", false),
        ["ServiceAccount"] = ("serviceaccounts", true),
        ["Secret"] = ("secrets", true),
        ["ConfigMap"] = ("configmaps", true),
        ["Service"] = ("services", true),
        ["PersistentVolumeClaim"] = ("persistentvolumeclaims", true),
        ["Pod"] = ("pods", true),
        ["Role"] = ("roles", true),
        ["RoleBinding"] = ("rolebindings", true),
        ["Deployment"] = ("deployments", true),
        ["StatefulSet"] = ("statefulsets", true),
        ["DaemonSet"] = ("daemonsets", true),
        ["Job"] = ("jobs", true),
        ["CronJob"] = ("cronjobs", true),
        ["PodDisruptionBudget"] = ("poddisruptionbudgets", true),
        ["HorizontalPodAutoscaler"] = ("horizontalpodautoscalers", true),
        ["Ingress"] = ("ingresses", true),
        ["NetworkPolicy"] = ("networkpolicies", true),
        ["ScaledObject"] = ("scaledobjects", true),
    };

    public static bool IsClusterScoped(string? kind) => kind is "Namespace" or "ClusterRole" or "ClusterRoleBinding" or "PersistentVolume" or "StorageClass";

    public static bool IsKnown(string kind) => Kinds.ContainsKey(kind);

    public static (string Plural, bool Namespaced) Of(string kind) =>
        Kinds.TryGetValue(kind, out var known)
            ? known
            : throw new DistributedApplicationException(
                $"Deploy does not know how to address a {kind}; it knows {string.Join(", ", Kinds.Keys.Order(StringComparer.Ordinal))}.");
}

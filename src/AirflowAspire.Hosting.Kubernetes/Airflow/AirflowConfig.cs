using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// <c>config.yaml</c>: the deployment's Airflow configuration, the plain <c>AIRFLOW__*</c> settings every component
/// shares (the model's own and its WithConfig overrides), as one ConfigMap that every Airflow container reads
/// with <c>envFrom</c>. It is their only source; secrets, and settings that embed one, never enter it: they stay
/// in each container's environment, read from the Secret.
/// </summary>
internal static class AirflowConfig
{
    public static KubernetesFile Render(AirflowCluster cluster)
    {
        var map = new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = cluster.SharedMetadata(cluster.ConfigMapName, "config"),
            Data = new SortedDictionary<string, string>(cluster.Environments.SharedConfig.ToDictionary(), StringComparer.Ordinal),
        };
        return new KubernetesFile(cluster.FilePath("config"), [map]);
    }
}

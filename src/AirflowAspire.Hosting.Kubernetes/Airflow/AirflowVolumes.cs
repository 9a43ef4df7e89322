using AirflowAspire.Hosting.Airflow;
using k8s;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// <c>volumes.yaml</c>: the ReadWriteMany claims every Airflow pod shares, for DAGs (when delivered on a volume)
/// and task logs (when the model asks for a logs volume). Folders of the AppHost's machine never become
/// hostPath volumes: in a cluster they are baked, synced from git or put on these claims.
/// </summary>
internal static class AirflowVolumes
{
    public static KubernetesFile? Render(AirflowCluster cluster)
    {
        var claims = new List<IKubernetesObject>();
        if (cluster.Airflow.DagDelivery is AirflowDagDelivery.VolumeDelivery dags)
        {
            claims.Add(Claim(cluster, cluster.DagsClaimName, "dags", dags.Size, dags.StorageClass));
        }

        if (cluster.Airflow.LogsVolume is { } logs)
        {
            claims.Add(Claim(cluster, cluster.LogsClaimName, "logs", logs.Size, logs.StorageClass));
        }

        return claims.Count == 0 ? null : new KubernetesFile(cluster.FilePath("volumes"), claims);
    }

    private static V1PersistentVolumeClaim Claim(AirflowCluster cluster, string name, string component, string size, string? storageClass) => new()
    {
        ApiVersion = "v1",
        Kind = "PersistentVolumeClaim",
        Metadata = cluster.SharedMetadata(name, component),
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteMany"],
            StorageClassName = storageClass,
            Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(size) } },
        },
    };
}

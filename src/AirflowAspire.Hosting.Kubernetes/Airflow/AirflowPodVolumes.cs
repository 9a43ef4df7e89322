using AirflowAspire.Hosting.Airflow;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// The volumes of the Airflow pods and where their containers mount them: the DAGs (a git-sync checkout or the
/// DAGs claim), the logs (the logs claim, or a folder the standalone pod's containers share) and, for the
/// KubernetesExecutor's scheduler, the pod template ConfigMap where <c>pod_template_file</c> points.
/// </summary>
internal static class AirflowPodVolumes
{
    public const string DagsVolume = "dags";
    public const string LogsVolume = "logs";
    public const string PodTemplateVolume = "pod-template";

    public static string PodTemplateFileName => KubernetesExecutorOptions.PodTemplateMountPath[(KubernetesExecutorOptions.PodTemplateMountPath.LastIndexOf('/') + 1)..];

    public static string PodTemplateDirectory => KubernetesExecutorOptions.PodTemplateMountPath[..KubernetesExecutorOptions.PodTemplateMountPath.LastIndexOf('/')];

    /// <summary>The volumes the given roles mount: DAGs (git-sync checkout or claim), the logs claim, the pod template.</summary>
    public static List<V1Volume> Volumes(AirflowCluster cluster, IReadOnlyCollection<AirflowRole> roles)
    {
        var airflow = cluster.Airflow;
        var volumes = new List<V1Volume>();
        if (roles.Any(AirflowClusterFacts.ReadsDags))
        {
            switch (airflow.DagDelivery)
            {
                case AirflowDagDelivery.GitSyncDelivery:
                    volumes.Add(new V1Volume { Name = DagsVolume, EmptyDir = new V1EmptyDirVolumeSource() });
                    break;
                case AirflowDagDelivery.VolumeDelivery:
                    volumes.Add(new V1Volume { Name = DagsVolume, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = cluster.DagsClaimName } });
                    break;
            }
        }

        if (roles.Any(AirflowClusterFacts.UsesLogs))
        {
            if (airflow.LogsVolume is not null)
            {
                volumes.Add(new V1Volume { Name = LogsVolume, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = cluster.LogsClaimName } });
            }
            else if (cluster.IsStandalone)
            {
                // The containers of the standalone pod share one log folder, so the UI reads what the scheduler wrote.
                volumes.Add(new V1Volume { Name = LogsVolume, EmptyDir = new V1EmptyDirVolumeSource() });
            }
        }

        if (MountsPodTemplate(cluster, roles))
        {
            volumes.Add(new V1Volume
            {
                Name = PodTemplateVolume,
                ConfigMap = new V1ConfigMapVolumeSource
                {
                    Name = cluster.PodTemplateConfigMapName,
                    Items = [new V1KeyToPath { Key = PodTemplateFileName, Path = PodTemplateFileName }],
                },
            });
        }

        return volumes;
    }

    /// <summary>Where the given roles' container mounts the volumes of <see cref="Volumes"/>.</summary>
    public static List<V1VolumeMount> Mounts(AirflowCluster cluster, IReadOnlyCollection<AirflowRole> roles)
    {
        var mounts = new List<V1VolumeMount>();
        if (roles.Any(AirflowClusterFacts.ReadsDags) && cluster.Airflow.DagDelivery is not AirflowDagDelivery.BakedDelivery)
        {
            mounts.Add(new V1VolumeMount { Name = DagsVolume, MountPath = AirflowClusterFacts.DagsPath, ReadOnlyProperty = true });
        }

        if (roles.Any(AirflowClusterFacts.UsesLogs) && (cluster.Airflow.LogsVolume is not null || cluster.IsStandalone))
        {
            mounts.Add(new V1VolumeMount { Name = LogsVolume, MountPath = AirflowClusterFacts.LogsPath });
        }

        if (MountsPodTemplate(cluster, roles))
        {
            mounts.Add(new V1VolumeMount { Name = PodTemplateVolume, MountPath = PodTemplateDirectory, ReadOnlyProperty = true });
        }

        return mounts;
    }

    /// <summary>The KubernetesExecutor's scheduler reads the pod template where <c>pod_template_file</c> says.</summary>
    public static bool MountsPodTemplate(AirflowCluster cluster, IReadOnlyCollection<AirflowRole> roles) =>
        cluster.Airflow.Executor == AirflowExecutor.Kubernetes && roles.Contains(AirflowRole.Scheduler);
}

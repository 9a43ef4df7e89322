using AirflowAspire.Hosting.Airflow;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// The pod template of an Airflow component: non-root, waiting for the migration, with git-sync beside it when it
/// reads DAGs from git, annotated with the checksums that restart it when its configuration or pod template
/// changes; and the ServiceAccount rule, which mounts the pod launcher's token only where the API is needed.
/// </summary>
internal static class AirflowPods
{
    public const string ConfigChecksumAnnotation = "checksum/airflow-config";
    public const string PodTemplateChecksumAnnotation = "checksum/pod-template";

    /// <summary>The user of the official apache/airflow image; its files belong to group 0.</summary>
    public const long User = 50000;
    public const long Group = 0;

    /// <summary>Every Airflow pod runs as the image's user (<see cref="KubernetesSecurity.Pod"/>).</summary>
    public static V1PodSecurityContext SecurityContext() => KubernetesSecurity.Pod(User, Group, Group);

    /// <summary>
    /// The pod of a component: non-root, its ServiceAccount only when it talks to the Kubernetes API, waiting
    /// for the migration, with git-sync beside it when it reads DAGs from git.
    /// </summary>
    public static V1PodTemplateSpec Pod(AirflowCluster cluster, AirflowRole role, V1Container main)
    {
        var component = cluster.Component(role);
        var roles = new[] { role };
        var initContainers = new List<V1Container> { AirflowContainers.WaitForMigrations(cluster, role) };
        var containers = new List<V1Container> { main };
        if (AirflowClusterFacts.ReadsDags(role) && GitSync.Delivery(cluster.Airflow) is { } git)
        {
            initContainers.Add(GitSync.Container(git, init: true));
            containers.Add(GitSync.Container(git, init: false));
        }

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [ConfigChecksumAnnotation] = cluster.Environments.ConfigChecksum };
        if (AirflowPodVolumes.MountsPodTemplate(cluster, roles) && cluster.PodTemplateChecksum is { } podTemplate)
        {
            annotations[PodTemplateChecksumAnnotation] = podTemplate;
        }

        var spec = new V1PodSpec
        {
            SecurityContext = AirflowPods.SecurityContext(),
            TerminationGracePeriodSeconds = AirflowClusterFacts.TerminationGracePeriodSeconds(role),
            InitContainers = initContainers,
            Containers = containers,
            Volumes = AirflowCluster.NullIfEmpty(AirflowPodVolumes.Volumes(cluster, roles)),
        };
        ApplyServiceAccount(cluster, spec, AirflowClusterFacts.UsesKubernetesApi(role, cluster.Airflow.Executor));
        return new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta { Labels = cluster.Context.Labels(component, cluster.ComponentLabel(role)), Annotations = annotations },
            Spec = spec,
        };
    }

    /// <summary>Runs the pod as the pod launcher when it needs the API and tasks launch pods; otherwise no token is mounted at all.</summary>
    public static void ApplyServiceAccount(AirflowCluster cluster, V1PodSpec spec, bool usesApi)
    {
        if (usesApi && cluster.ServiceAccountName is { } account)
        {
            spec.ServiceAccountName = account;
            spec.AutomountServiceAccountToken = true;
        }
        else
        {
            spec.AutomountServiceAccountToken = false;
        }
    }
}

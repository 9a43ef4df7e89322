using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// The workload objects that run a container's pod: a StatefulSet with a claim template per volume, a Deployment,
/// or a Job that runs it once (with claims of its own for its volumes); and the PodDisruptionBudget that keeps a
/// node drain to one of its pods at a time.
/// </summary>
internal static class ContainerWorkloads
{
    /// <summary>A volume's size when the model gives none (WithStorage).</summary>
    public const string DefaultStorageSize = "8Gi";

    /// <summary>How often a run-once container is retried before its Job fails.</summary>
    public const int JobBackoffLimit = 3;

    public static V1StatefulSet StatefulSet(
        ContainerResource container, KubernetesContext context, V1PodTemplateSpec pod, IReadOnlyList<KubernetesVolume> volumes, int replicas) => new()
    {
        Metadata = ContainerKubernetesTemplate.Metadata(context.Name(container), container, context),
        Spec = new V1StatefulSetSpec
        {
            ServiceName = ContainerServices.HeadlessServiceName(container, context),
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = context.SelectorLabels(container) },
            Template = pod,
            VolumeClaimTemplates = volumes.Select(v => Claim(v, v.Name, context, container)).ToList(),
        },
    };

    public static V1Deployment Deployment(ContainerResource container, KubernetesContext context, V1PodTemplateSpec pod, int replicas) => new()
    {
        Metadata = ContainerKubernetesTemplate.Metadata(context.Name(container), container, context),
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = context.SelectorLabels(container) },
            Template = pod,
        },
    };

    /// <summary>A Job that stays visible after it finishes (no TTL), so its logs and status can be read.</summary>
    public static V1Job Job(ContainerResource container, KubernetesContext context, V1PodTemplateSpec pod) => new()
    {
        Metadata = ContainerKubernetesTemplate.Metadata(context.Name(container), container, context),
        Spec = new V1JobSpec
        {
            BackoffLimit = JobBackoffLimit,
            Template = pod,
        },
    };

    /// <summary>A ReadWriteOnce claim of the volume's size (or <see cref="DefaultStorageSize"/>) and storage class.</summary>
    public static V1PersistentVolumeClaim Claim(KubernetesVolume volume, string name, KubernetesContext context, IResource resource) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = context.SelectorLabels(resource) },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            StorageClassName = volume.Storage?.StorageClass,
            Resources = new V1VolumeResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(volume.Storage?.Size ?? DefaultStorageSize) },
            },
        },
    };

    /// <summary>At most one pod of the workload may be evicted at a time by a voluntary disruption (a node drain).</summary>
    public static V1PodDisruptionBudget PodDisruptionBudget(IResource resource, KubernetesContext context) => new()
    {
        Metadata = ContainerKubernetesTemplate.Metadata(context.Name(resource), resource, context),
        Spec = new V1PodDisruptionBudgetSpec
        {
            MaxUnavailable = 1,
            Selector = new V1LabelSelector { MatchLabels = context.SelectorLabels(resource) },
        },
    };
}

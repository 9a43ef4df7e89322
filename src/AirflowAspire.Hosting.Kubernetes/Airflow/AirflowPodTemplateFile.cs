using AirflowAspire.Hosting.Airflow;
using k8s;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// <c>pod-template.yaml</c>, for the KubernetesExecutor: the <c>pod_template_file</c> every task pod starts from,
/// in a ConfigMap the scheduler mounts where <c>[kubernetes_executor] pod_template_file</c> points. The model's
/// own file when it gives one (read now: the cluster has no access to the AppHost's folders); otherwise a
/// template made like the other Airflow pods: the <c>base</c> container with the same image, configuration,
/// secrets, security context and DAG and log volumes.
/// </summary>
internal static class AirflowPodTemplateFile
{
    public const string BaseContainer = "base";

    public static KubernetesFile? Render(AirflowCluster cluster)
    {
        if (cluster.Airflow.Executor != AirflowExecutor.Kubernetes)
        {
            return null;
        }

        var text = cluster.Airflow.KubernetesExecutor?.PodTemplateFile is { } path ? Read(cluster, path) : KubernetesYaml.Serialize(DefaultPod(cluster));
        cluster.PodTemplateChecksum = AirflowCluster.Checksum([text]);
        var map = new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = cluster.SharedMetadata(cluster.PodTemplateConfigMapName, "pod-template"),
            Data = new Dictionary<string, string> { [AirflowPodVolumes.PodTemplateFileName] = text },
        };
        return new KubernetesFile(cluster.FilePath("pod-template"), [map]) { Replacements = ImageReplacements(cluster) };
    }

    /// <summary>
    /// Task pods take their image from <c>[kubernetes_executor] worker_container_repository</c> and <c>_tag</c>;
    /// these replacements copy both from the scheduler's image when kustomize builds the tree, so an edit of
    /// <c>images:</c> (or <c>dag-packager release</c>) moves task pods with every other Airflow pod. An image
    /// whose registry has a port (two ':') cannot be split by kustomize and keeps the published values.
    /// </summary>
    private static IReadOnlyList<KustomizeReplacement> ImageReplacements(AirflowCluster cluster)
    {
        var scheduler = cluster.Component(AirflowRole.Scheduler);
        if (ContainerFacts.Image(scheduler).Count(c => c == ':') != 1)
        {
            return [];
        }

        var container = cluster.ComponentLabel(AirflowRole.Scheduler);
        var source = $"spec.template.spec.containers.[name={container}].image";
        return
        [
            Replacement(cluster, source, index: 0, "AIRFLOW__KUBERNETES_EXECUTOR__WORKER_CONTAINER_REPOSITORY"),
            Replacement(cluster, source, index: 1, "AIRFLOW__KUBERNETES_EXECUTOR__WORKER_CONTAINER_TAG"),
        ];
    }

    private static KustomizeReplacement Replacement(AirflowCluster cluster, string source, int index, string variable) => new(
        SourceKind: "Deployment",
        SourceName: cluster.Context.Name(cluster.Component(AirflowRole.Scheduler)),
        SourceFieldPath: source,
        Delimiter: ":",
        Index: index,
        TargetKind: "ConfigMap",
        TargetName: cluster.ConfigMapName,
        TargetFieldPath: $"data.{variable}");

    /// <summary>The default task pod: what a Celery worker would be, run once per task.</summary>
    public static V1Pod DefaultPod(AirflowCluster cluster)
    {
        var airflow = cluster.Airflow;
        var roles = new[] { AirflowRole.Worker };
        var initContainers = new List<V1Container>();
        if (GitSync.Delivery(airflow) is { } git)
        {
            // A task pod ends with its task, so it clones once and keeps no sidecar.
            initContainers.Add(GitSync.Container(git, init: true));
        }

        var spec = new V1PodSpec
        {
            SecurityContext = AirflowPods.SecurityContext(),
            RestartPolicy = "Never",
            TerminationGracePeriodSeconds = AirflowClusterFacts.TerminationGracePeriodSeconds(AirflowRole.Worker),
            InitContainers = AirflowCluster.NullIfEmpty(initContainers),
            Containers =
            [
                new V1Container
                {
                    Name = BaseContainer,
                    Image = ContainerFacts.Image(cluster.Component(AirflowRole.Scheduler)),
                    ImagePullPolicy = "IfNotPresent",
                    EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = cluster.ConfigMapName } }],
                    Env = AirflowCluster.NullIfEmpty(cluster.Environments.Common(includeSecrets: NeedsSecrets(airflow))),
                    Resources = KubernetesResources.For(AirflowComponents.Get(AirflowRole.Worker).Resources),
                    SecurityContext = KubernetesSecurity.Container(),
                    VolumeMounts = AirflowCluster.NullIfEmpty(AirflowPodVolumes.Mounts(cluster, roles)),
                },
            ],
            Volumes = AirflowCluster.NullIfEmpty(AirflowPodVolumes.Volumes(cluster, roles)),
        };

        // Tasks may launch pods of their own (KubernetesPodOperator); the executor's ServiceAccount allows it.
        AirflowPods.ApplyServiceAccount(cluster, spec, usesApi: true);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [KubernetesContext.NameLabel] = $"{airflow.Name}-task",
            [KubernetesContext.InstanceLabel] = cluster.Context.Instance,
            [KubernetesContext.ComponentLabel] = "task",
        };
        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta { Name = "placeholder-name", Labels = labels },
            Spec = spec,
        };
    }

    /// <summary>
    /// Whether task pods need the deployment's secrets. Airflow 3 tasks never open the metadata database: they
    /// talk to the API server's execution API with the token the scheduler gives each task, so their pods get
    /// the ConfigMap alone, and no secret is named inside the template (where kustomize could not follow the
    /// Secret's generated name). Airflow 2 tasks run <c>airflow tasks run</c> against the database.
    /// </summary>
    public static bool NeedsSecrets(AirflowResource airflow) => !airflow.Version.IsAirflow3;

    private static string Read(AirflowCluster cluster, string path)
    {
        if (!File.Exists(path))
        {
            throw new DistributedApplicationException(
                $"Airflow '{cluster.Airflow.Name}': the pod template file '{path}' of the KubernetesExecutor does not exist any more; restore it, " +
                "or drop PodTemplateFile to use the template the publisher writes.");
        }

        var text = File.ReadAllText(path);
        try
        {
            if (KubernetesYaml.Deserialize<V1Pod>(text) is not { Kind: "Pod" })
            {
                throw new FormatException("its kind is not Pod");
            }
        }
        catch (Exception e) when (e is FormatException or YamlDotNet.Core.YamlException)
        {
            throw new DistributedApplicationException(
                $"Airflow '{cluster.Airflow.Name}': the pod template file '{path}' is not a Kubernetes Pod ({e.Message}); " +
                "write it as 'apiVersion: v1' and 'kind: Pod' with a container named 'base'.");
        }

        return text;
    }
}

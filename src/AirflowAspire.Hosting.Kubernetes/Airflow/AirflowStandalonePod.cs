using AirflowAspire.Hosting.Airflow;
using k8s;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// <c>standalone.yaml</c>: the whole deployment in one StatefulSet pod. Postgres runs as a native sidecar (an init
/// container that keeps running, Kubernetes 1.29 and later) whose startup probe holds the rest back until it
/// accepts connections; the migration and the first user run next as init containers; then the API server (or
/// webserver), scheduler, dag-processor and triggerer run side by side and reach Postgres and each other on
/// 127.0.0.1. The database lives on the pod's volume claim. A Service (and Ingress, when asked) fronts the UI.
/// Rendered for an older server, the pod keeps that order without init containers (<see cref="AirflowStandaloneStartup"/>).
/// </summary>
internal static class AirflowStandalonePod
{
    public const string PostgresContainer = "postgres";
    public const string PostgresDataVolume = "postgres-data";

    public static KubernetesFile Render(AirflowCluster cluster)
    {
        var airflow = cluster.Airflow;
        var server = airflow.Database!.Parent;
        var roles = airflow.Components.Keys.Where(r => r != AirflowRole.Init).OrderBy(r => r).ToList();
        var webRole = AirflowApiServer.Role(airflow);

        var containers = roles.Select(role => AirflowContainers.Container(cluster, role)).ToList();
        var postgres = Postgres(cluster, server);
        var firstSteps = AirflowMigrations.FirstSteps(cluster);
        var initContainers = new List<V1Container>();
        if (cluster.Context.Server.NativeSidecars)
        {
            postgres.RestartPolicy = "Always";
            initContainers.Add(postgres);
            initContainers.AddRange(firstSteps.Select(s => s.Container));
        }
        else
        {
            foreach (var (role, container) in roles.Zip(containers))
            {
                if (role == webRole)
                {
                    AirflowStandaloneStartup.RunFirst(container, firstSteps);
                }
                else
                {
                    AirflowStandaloneStartup.WaitForMigration(container);
                }
            }

            containers.Insert(0, postgres);
            cluster.Context.Note(AirflowStandaloneStartup.Note(airflow, cluster.Context.Name(airflow), cluster.Context.Server, cluster.ComponentLabel(webRole)));
        }

        if (GitSync.Delivery(airflow) is { } git)
        {
            initContainers.Add(GitSync.Container(git, init: true));
            containers.Add(GitSync.Container(git, init: false));
        }

        var volumes = AirflowPodVolumes.Volumes(cluster, roles);
        var spec = new V1PodSpec
        {
            SecurityContext = AirflowPods.SecurityContext(),
            TerminationGracePeriodSeconds = roles.Max(AirflowClusterFacts.TerminationGracePeriodSeconds),
            InitContainers = AirflowCluster.NullIfEmpty(initContainers),
            Containers = containers,
            Volumes = AirflowCluster.NullIfEmpty(volumes),
        };
        AirflowPods.ApplyServiceAccount(cluster, spec, usesApi: roles.Any(role => AirflowClusterFacts.UsesKubernetesApi(role, airflow.Executor)));

        var labels = cluster.Context.Labels(airflow, "standalone");
        var name = cluster.Context.Name(airflow);
        var storage = server.Annotations.OfType<PersistentStorageAnnotation>().LastOrDefault(s => s.Target == WellKnownContainers.PostgresDataPath(server));
        var statefulSet = new V1StatefulSet
        {
            ApiVersion = "apps/v1",
            Kind = "StatefulSet",
            Metadata = cluster.Metadata(name, labels),
            Spec = new V1StatefulSetSpec
            {
                Replicas = 1,
                ServiceName = name,
                Selector = AirflowWorkloads.Selector(cluster.Context.SelectorLabels(airflow)),
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta
                    {
                        Labels = labels,
                        Annotations = new Dictionary<string, string> { [AirflowPods.ConfigChecksumAnnotation] = cluster.Environments.ConfigChecksum },
                    },
                    Spec = spec,
                },
                VolumeClaimTemplates =
                [
                    new V1PersistentVolumeClaim
                    {
                        Metadata = new V1ObjectMeta { Name = PostgresDataVolume, Labels = labels },
                        Spec = new V1PersistentVolumeClaimSpec
                        {
                            AccessModes = ["ReadWriteOnce"],
                            StorageClassName = storage?.StorageClass,
                            Resources = new V1VolumeResourceRequirements
                            {
                                Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(storage?.Size ?? ContainerWorkloads.DefaultStorageSize) },
                            },
                        },
                    },
                ],
            },
        };

        // The pod's stable name for the log server of the scheduler, where the LocalExecutor runs tasks.
        var headless = new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = cluster.Metadata(name, labels),
            Spec = new V1ServiceSpec
            {
                ClusterIP = "None",
                PublishNotReadyAddresses = true,
                Selector = cluster.Context.SelectorLabels(airflow),
                Ports = [.. AirflowContainers.Ports(cluster, AirflowRole.Scheduler).Select(AirflowWorkloads.ServicePort)],
            },
        };

        var objects = new List<IKubernetesObject> { headless, statefulSet };
        objects.AddRange(AirflowApiServer.Exposure(cluster, webRole, AirflowContainers.Ports(cluster, webRole)));
        return new KubernetesFile(cluster.FilePath("standalone"), objects);
    }

    /// <summary>
    /// Postgres, run as its image's user with the data on the claim; as a native sidecar, its startup probe (the
    /// model's <c>pg_isready</c>) keeps the migration from starting before it accepts connections.
    /// </summary>
    private static V1Container Postgres(AirflowCluster cluster, PostgresServerResource server)
    {
        var check = KubernetesProbes.Exec(WellKnownContainers.ReadinessCommand(server)!);
        var security = KubernetesSecurity.Container();
        if (WellKnownContainers.User(server) is { } user)
        {
            security.RunAsUser = user.User;
            security.RunAsGroup = user.Group;
        }

        return new V1Container
        {
            Name = PostgresContainer,
            Image = ContainerFacts.Image(server),
            ImagePullPolicy = "IfNotPresent",
            Args = AirflowCluster.NullIfEmpty(ClusterEnvironment.Arguments(server, cluster.Context)),
            Env = AirflowCluster.NullIfEmpty(cluster.Environments.Render(cluster.Context.Configuration(server).Environment)),
            Ports = AirflowCluster.NullIfEmpty(ContainerPods.ContainerPorts(server)),
            Resources = KubernetesResources.For(server),
            SecurityContext = security,
            VolumeMounts = [new V1VolumeMount { Name = PostgresDataVolume, MountPath = WellKnownContainers.PostgresDataPath(server) }],
            StartupProbe = KubernetesProbes.Startup(check),
            LivenessProbe = KubernetesProbes.Liveness(check),
            ReadinessProbe = KubernetesProbes.Readiness(check),
        };
    }
}

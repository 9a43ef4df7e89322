using AirflowAspire.Hosting.Airflow;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// The container of an Airflow component: its image and arguments, the ConfigMap and its own environment, its
/// resources, security context and mounts; its ports (named apart inside the standalone pod, with the log servers
/// the chart exposes) and its probes; and the init container that waits until the database is migrated.
/// </summary>
internal static class AirflowContainers
{
    public const string WaitForMigrationsName = "wait-for-migrations";

    /// <summary>The container of a component: image, arguments, environment, ports, resources, security, probes and mounts.</summary>
    public static V1Container Container(AirflowCluster cluster, AirflowRole role, string? name = null, IList<string>? args = null, bool withProbes = true)
    {
        var component = cluster.Component(role);
        var container = new V1Container
        {
            Name = name ?? cluster.ComponentLabel(role),
            Image = ContainerFacts.Image(component),
            ImagePullPolicy = "IfNotPresent",

            // Given arguments (migrations, the wait for them) go to the image's own entrypoint, whatever the component runs.
            Command = args is null && ContainerFacts.Entrypoint(component) is { } entrypoint ? [entrypoint] : null,
            Args = args ?? AirflowCluster.NullIfEmpty(ClusterEnvironment.Arguments(component, cluster.Context)),
            EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = cluster.ConfigMapName } }],
            Env = AirflowCluster.NullIfEmpty(cluster.Environments.Of(role)),
            Resources = KubernetesResources.For(component),
            SecurityContext = KubernetesSecurity.Container(),
            VolumeMounts = AirflowCluster.NullIfEmpty(AirflowPodVolumes.Mounts(cluster, [role])),
        };

        if (withProbes)
        {
            container.Ports = AirflowCluster.NullIfEmpty(Ports(cluster, role));
            if (AirflowProbes.For(role) is { } probes)
            {
                container.StartupProbe = Probe(probes.Check, component, probes.Startup);
                container.LivenessProbe = Probe(probes.Check, component, probes.Liveness);
                container.ReadinessProbe = probes.Readiness is { } readiness ? Probe(probes.Check, component, readiness) : null;
            }
        }

        return container;
    }

    /// <summary>The ports a role's container listens on: its endpoints, and the triggerer's log server.</summary>
    public static List<V1ContainerPort> Ports(AirflowCluster cluster, AirflowRole role)
    {
        var component = cluster.Component(role);
        var ports = ContainerPods.ContainerPorts(component);
        foreach (var port in ports)
        {
            port.Name = PortName(cluster, role, port.Name);
        }

        if (role == AirflowRole.Triggerer && ports.All(p => p.ContainerPort != AirflowClusterFacts.TriggererLogServerPort))
        {
            ports.Add(new V1ContainerPort { Name = "triggerer-logs", ContainerPort = AirflowClusterFacts.TriggererLogServerPort, Protocol = "TCP" });
        }

        if (role == AirflowRole.Scheduler && cluster.ServesTaskLogsFromScheduler && ports.All(p => p.ContainerPort != AirflowComponents.WorkerLogServerPort))
        {
            ports.Add(new V1ContainerPort { Name = "task-logs", ContainerPort = AirflowComponents.WorkerLogServerPort, Protocol = "TCP" });
        }

        return ports;
    }

    /// <summary>Waits until the database is migrated to this version, so no component starts against an old schema.</summary>
    public static V1Container WaitForMigrations(AirflowCluster cluster, AirflowRole role)
    {
        var container = Container(cluster, role, WaitForMigrationsName, [.. AirflowClusterFacts.CheckMigrationsArgs], withProbes: false);
        container.VolumeMounts = null;
        return container;
    }

    public static V1Probe Probe(AirflowHealthCheck check, IResource resource, AirflowProbeTiming timing)
    {
        var probe = check switch
        {
            AirflowHealthCheck.Http http => KubernetesProbes.HttpGet(resource, AirflowComponentResource.HttpEndpointName, http.Path),
            AirflowHealthCheck.Command command => KubernetesProbes.Shell(command.ShellCommand),
            _ => throw new ArgumentOutOfRangeException(nameof(check), check, $"No probe for {check.GetType().Name} of '{resource.Name}'."),
        };
        probe.InitialDelaySeconds = timing.InitialDelaySeconds == 0 ? null : timing.InitialDelaySeconds;
        probe.PeriodSeconds = timing.PeriodSeconds;
        probe.TimeoutSeconds = timing.TimeoutSeconds;
        probe.FailureThreshold = timing.FailureThreshold;
        return probe;
    }

    /// <summary>
    /// A port's name, unique in the pod: the containers of the standalone pod share one, so every component
    /// but the UI names its ports after itself (<c>scheduler-http</c>).
    /// </summary>
    private static string PortName(AirflowCluster cluster, AirflowRole role, string name)
    {
        if (!cluster.IsStandalone || role is AirflowRole.ApiServer or AirflowRole.Webserver)
        {
            return name;
        }

        var prefixed = $"{cluster.ComponentLabel(role)}-{name}";
        return prefixed.Length <= KubernetesNames.MaxPortNameLength ? prefixed : prefixed[..KubernetesNames.MaxPortNameLength].TrimEnd('-');
    }
}

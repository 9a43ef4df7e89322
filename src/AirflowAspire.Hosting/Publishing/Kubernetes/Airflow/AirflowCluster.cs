using System.Security.Cryptography;
using System.Text;
using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Integrations.Airflow;
using k8s.Models;

namespace AirflowAspire.Hosting.Publishing.Kubernetes.Airflow;

/// <summary>
/// One Airflow deployment as the cluster sees it: the names of its shared objects, its configuration split
/// into the ConfigMap (plain settings every component shares) and each container's own environment
/// (secrets and what differs), and the containers, volumes and pods the component files are made of.
/// </summary>
internal sealed class AirflowCluster
{
    public const string DagsVolume = "dags";
    public const string LogsVolume = "logs";
    public const string PodTemplateVolume = "pod-template";
    public const string WaitForMigrationsName = "wait-for-migrations";
    public const string ConfigChecksumAnnotation = "checksum/airflow-config";
    public const string PodTemplateChecksumAnnotation = "checksum/pod-template";

    private readonly Dictionary<AirflowRole, IReadOnlyDictionary<string, ReferenceExpression>> environments;

    public AirflowCluster(AirflowResource airflow, KubernetesContext context)
    {
        Airflow = airflow;
        Context = context;
        Secrets = airflow.Secrets
            ?? throw new InvalidOperationException($"Airflow '{airflow.Name}' was not built; publish a model after Build().");
        environments = airflow.Components.ToDictionary(c => c.Key, c => c.Value.GetEnvironmentVariables(context.ExecutionContext));
        SharedConfig = BuildSharedConfig();
        ConfigChecksum = Checksum(SharedConfig.Select(e => $"{e.Key}={e.Value}"));
    }

    public AirflowResource Airflow { get; }

    public KubernetesContext Context { get; }

    public AirflowSecrets Secrets { get; }

    /// <summary>Every component runs in the one pod of a standalone deployment, and reaches the others and Postgres on 127.0.0.1.</summary>
    public bool IsStandalone => Airflow.IsStandalonePod;

    /// <summary>The plain <c>AIRFLOW__*</c> settings every component shares: the ConfigMap's data, and nowhere else.</summary>
    public IReadOnlyDictionary<string, string> SharedConfig { get; }

    /// <summary>Changes with the ConfigMap, so pods restart when their configuration changes.</summary>
    public string ConfigChecksum { get; }

    public string ConfigMapName => Context.Name($"{Airflow.Name}-config");

    public string PodTemplateConfigMapName => Context.Name($"{Airflow.Name}-pod-template");

    public string DagsClaimName => Context.Name($"{Airflow.Name}-dags");

    public string LogsClaimName => Context.Name($"{Airflow.Name}-logs");

    /// <summary>The ServiceAccount allowed to launch pods; null when no task launches pods.</summary>
    public string? ServiceAccountName => Airflow.LaunchesPods ? Context.Name($"{Airflow.Name}-pod-launcher") : null;

    /// <summary>The file of the tree that holds <paramref name="name"/>: one folder per Airflow deployment.</summary>
    public string FilePath(string name) => $"{Airflow.Name}/{name}.yaml";

    public ContainerResource Component(AirflowRole role) => Airflow.Components[role];

    public string ComponentLabel(AirflowRole role) => AirflowComponents.Get(role, Airflow.Version).NameSuffix;

    public V1ObjectMeta Metadata(string name, IDictionary<string, string> labels) => new()
    {
        Name = name,
        NamespaceProperty = Context.Namespace,
        Labels = new Dictionary<string, string>(labels, StringComparer.Ordinal),
    };

    /// <summary>Metadata of an object that belongs to a component: its name and labels.</summary>
    public V1ObjectMeta Metadata(AirflowRole role) => Metadata(Context.Name(Component(role)), Context.Labels(Component(role), ComponentLabel(role)));

    /// <summary>Metadata of an object the whole deployment shares, e.g. its ConfigMap.</summary>
    public V1ObjectMeta SharedMetadata(string name, string component) => Metadata(name, Context.Labels(Airflow, component));

    /// <summary>The host a value uses to reach a resource: its Service, or 127.0.0.1 inside the standalone pod.</summary>
    public string Host(IResource resource) =>
        IsStandalone && (resource == Airflow.Database?.Server || Airflow.Components.Values.Contains(resource)) ? "127.0.0.1" : Context.Name(resource);

    /// <summary>A container's environment, as <see cref="ClusterEnvironment"/> renders it, with this deployment's hosts.</summary>
    public List<V1EnvVar> RenderEnvironment(IEnumerable<KeyValuePair<string, ReferenceExpression>> environment) =>
        ClusterEnvironment.Render(environment, Context, Host);

    /// <summary>
    /// The environment of a role's container, without what the ConfigMap gives every container, and without the
    /// image's <c>_AIRFLOW_*</c> start-up switches: in the cluster the migration job migrates and creates the user.
    /// </summary>
    public List<V1EnvVar> Environment(AirflowRole role) =>
        RenderEnvironment(environments[role].Where(e => !SharedConfig.ContainsKey(e.Key) && !IsImageStartupSwitch(e.Key)));

    /// <summary>
    /// The environment every component has alike beyond the ConfigMap (the database URL, the broker, the keys),
    /// secrets included or left out: what task pods of the KubernetesExecutor get.
    /// </summary>
    public List<V1EnvVar> CommonEnvironment(bool includeSecrets)
    {
        var first = environments[AirflowRole.Scheduler];
        var common = first
            .Where(e => !SharedConfig.ContainsKey(e.Key) && !IsImageStartupSwitch(e.Key) && (includeSecrets || !e.Value.IsSecret))
            .Where(e => environments.Values.All(env => env.TryGetValue(e.Key, out var other) && Rendered(other) == Rendered(e.Value)));
        return RenderEnvironment(common);
    }

    /// <summary>The container of a component: image, arguments, environment, ports, resources, security, probes and mounts.</summary>
    public V1Container Container(AirflowRole role, string? name = null, IList<string>? args = null, bool withProbes = true)
    {
        var component = Component(role);
        var container = new V1Container
        {
            Name = name ?? ComponentLabel(role),
            Image = component.Image.Reference,
            ImagePullPolicy = "IfNotPresent",

            // Given arguments (migrations, the wait for them) go to the image's own entrypoint, whatever the component runs.
            Command = args is null && component.GetEntrypoint() is { } entrypoint ? [entrypoint] : null,
            Args = args ?? NullIfEmpty(component.GetArgs(Context.ExecutionContext).Select(a => ClusterEnvironment.Argument(a, Context)).ToList()),
            EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = ConfigMapName } }],
            Env = NullIfEmpty(Environment(role)),
            Resources = KubernetesResources.For(component),
            SecurityContext = KubernetesSecurity.Container(),
            VolumeMounts = NullIfEmpty(Mounts([role])),
        };

        if (withProbes)
        {
            container.Ports = NullIfEmpty(Ports(role));
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
    public List<V1ContainerPort> Ports(AirflowRole role)
    {
        var component = Component(role);
        var ports = component.GetEndpoints()
            .Select(e => new V1ContainerPort { Name = PortName(role, KubernetesNames.PortName(component, e)), ContainerPort = e.TargetPort, Protocol = e.Protocol.ToUpperInvariant() })
            .ToList();
        if (role == AirflowRole.Triggerer && ports.All(p => p.ContainerPort != AirflowClusterFacts.TriggererLogServerPort))
        {
            ports.Add(new V1ContainerPort { Name = "triggerer-logs", ContainerPort = AirflowClusterFacts.TriggererLogServerPort, Protocol = "TCP" });
        }

        if (role == AirflowRole.Scheduler && ServesTaskLogsFromScheduler && ports.All(p => p.ContainerPort != AirflowComponents.WorkerLogServerPort))
        {
            ports.Add(new V1ContainerPort { Name = "task-logs", ContainerPort = AirflowComponents.WorkerLogServerPort, Protocol = "TCP" });
        }

        return ports;
    }

    /// <summary>
    /// A port's name, unique in the pod: the containers of the standalone pod share one, so every component
    /// but the UI names its ports after itself (<c>scheduler-http</c>).
    /// </summary>
    private string PortName(AirflowRole role, string name)
    {
        if (!IsStandalone || role is AirflowRole.ApiServer or AirflowRole.Webserver)
        {
            return name;
        }

        var prefixed = $"{ComponentLabel(role)}-{name}";
        return prefixed.Length <= KubernetesNames.MaxPortNameLength ? prefixed : prefixed[..KubernetesNames.MaxPortNameLength].TrimEnd('-');
    }

    /// <summary>The LocalExecutor runs tasks inside the scheduler, which then serves their logs like a worker does.</summary>
    public bool ServesTaskLogsFromScheduler => Airflow.Executor == AirflowExecutor.Local;

    /// <summary>Waits until the database is migrated to this version, so no component starts against an old schema.</summary>
    public V1Container WaitForMigrations(AirflowRole role)
    {
        var container = Container(role, WaitForMigrationsName, [.. AirflowClusterFacts.CheckMigrationsArgs], withProbes: false);
        container.VolumeMounts = null;
        return container;
    }

    /// <summary>The volumes the given roles mount: DAGs (git-sync checkout or claim), the logs claim, the pod template.</summary>
    public List<V1Volume> Volumes(IReadOnlyCollection<AirflowRole> roles)
    {
        var volumes = new List<V1Volume>();
        if (roles.Any(AirflowClusterFacts.ReadsDags))
        {
            switch (Airflow.DagDelivery)
            {
                case AirflowDagDelivery.GitSyncDelivery:
                    volumes.Add(new V1Volume { Name = DagsVolume, EmptyDir = new V1EmptyDirVolumeSource() });
                    break;
                case AirflowDagDelivery.VolumeDelivery:
                    volumes.Add(new V1Volume { Name = DagsVolume, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = DagsClaimName } });
                    break;
            }
        }

        if (roles.Any(AirflowClusterFacts.UsesLogs))
        {
            if (Airflow.LogsVolume is not null)
            {
                volumes.Add(new V1Volume { Name = LogsVolume, PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = LogsClaimName } });
            }
            else if (IsStandalone)
            {
                // The containers of the standalone pod share one log folder, so the UI reads what the scheduler wrote.
                volumes.Add(new V1Volume { Name = LogsVolume, EmptyDir = new V1EmptyDirVolumeSource() });
            }
        }

        if (MountsPodTemplate(roles))
        {
            volumes.Add(new V1Volume
            {
                Name = PodTemplateVolume,
                ConfigMap = new V1ConfigMapVolumeSource
                {
                    Name = PodTemplateConfigMapName,
                    Items = [new V1KeyToPath { Key = PodTemplateFileName, Path = PodTemplateFileName }],
                },
            });
        }

        return volumes;
    }

    /// <summary>Where the given roles' container mounts the volumes of <see cref="Volumes"/>.</summary>
    public List<V1VolumeMount> Mounts(IReadOnlyCollection<AirflowRole> roles)
    {
        var mounts = new List<V1VolumeMount>();
        if (roles.Any(AirflowClusterFacts.ReadsDags) && Airflow.DagDelivery is not AirflowDagDelivery.BakedDelivery)
        {
            mounts.Add(new V1VolumeMount { Name = DagsVolume, MountPath = AirflowClusterFacts.DagsPath, ReadOnlyProperty = true });
        }

        if (roles.Any(AirflowClusterFacts.UsesLogs) && (Airflow.LogsVolume is not null || IsStandalone))
        {
            mounts.Add(new V1VolumeMount { Name = LogsVolume, MountPath = AirflowClusterFacts.LogsPath });
        }

        if (MountsPodTemplate(roles))
        {
            mounts.Add(new V1VolumeMount { Name = PodTemplateVolume, MountPath = PodTemplateDirectory, ReadOnlyProperty = true });
        }

        return mounts;
    }

    /// <summary>The KubernetesExecutor's scheduler reads the pod template where <c>pod_template_file</c> says.</summary>
    public bool MountsPodTemplate(IReadOnlyCollection<AirflowRole> roles) =>
        Airflow.Executor == AirflowExecutor.Kubernetes && roles.Contains(AirflowRole.Scheduler);

    public static string PodTemplateFileName => KubernetesExecutorOptions.PodTemplateMountPath[(KubernetesExecutorOptions.PodTemplateMountPath.LastIndexOf('/') + 1)..];

    public static string PodTemplateDirectory => KubernetesExecutorOptions.PodTemplateMountPath[..KubernetesExecutorOptions.PodTemplateMountPath.LastIndexOf('/')];

    /// <summary>
    /// The pod of a component: non-root, its ServiceAccount only when it talks to the Kubernetes API, waiting
    /// for the migration, with git-sync beside it when it reads DAGs from git.
    /// </summary>
    public V1PodTemplateSpec Pod(AirflowRole role, V1Container main)
    {
        var component = Component(role);
        var roles = new[] { role };
        var initContainers = new List<V1Container> { WaitForMigrations(role) };
        var containers = new List<V1Container> { main };
        if (AirflowClusterFacts.ReadsDags(role) && GitSync.Delivery(Airflow) is { } git)
        {
            initContainers.Add(GitSync.Container(git, init: true));
            containers.Add(GitSync.Container(git, init: false));
        }

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [ConfigChecksumAnnotation] = ConfigChecksum };
        if (MountsPodTemplate(roles) && PodTemplateChecksum is { } podTemplate)
        {
            annotations[PodTemplateChecksumAnnotation] = podTemplate;
        }

        var spec = new V1PodSpec
        {
            SecurityContext = KubernetesSecurity.AirflowPod(),
            TerminationGracePeriodSeconds = AirflowClusterFacts.TerminationGracePeriodSeconds(role),
            InitContainers = initContainers,
            Containers = containers,
            Volumes = NullIfEmpty(Volumes(roles)),
        };
        ApplyServiceAccount(spec, AirflowClusterFacts.UsesKubernetesApi(role, Airflow.Executor));
        return new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta { Labels = Context.Labels(component, ComponentLabel(role)), Annotations = annotations },
            Spec = spec,
        };
    }

    /// <summary>The pod template ConfigMap's checksum, set by the renderer of that ConfigMap.</summary>
    public string? PodTemplateChecksum { get; set; }

    /// <summary>Runs the pod as the pod launcher when it needs the API and tasks launch pods; otherwise no token is mounted at all.</summary>
    public void ApplyServiceAccount(V1PodSpec spec, bool usesApi)
    {
        if (usesApi && ServiceAccountName is { } account)
        {
            spec.ServiceAccountName = account;
            spec.AutomountServiceAccountToken = true;
        }
        else
        {
            spec.AutomountServiceAccountToken = false;
        }
    }

    public V1Probe Probe(HealthCheckAnnotation check, IResource resource, AirflowProbeTiming timing)
    {
        var probe = KubernetesProbes.Handler(check, resource, Context);
        probe.InitialDelaySeconds = timing.InitialDelaySeconds == 0 ? null : timing.InitialDelaySeconds;
        probe.PeriodSeconds = timing.PeriodSeconds;
        probe.TimeoutSeconds = timing.TimeoutSeconds;
        probe.FailureThreshold = timing.FailureThreshold;
        return probe;
    }

    public static string Checksum(IEnumerable<string> lines) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));

    public static List<T>? NullIfEmpty<T>(List<T> items) => items.Count == 0 ? null : items;

    private ClusterRenderContext RenderContext(ICollection<ParameterResource> secretsUsed) => Context.RenderContext(secretsUsed, Host);

    /// <summary>The value as the cluster sees it, secrets as their <c>$(VAR)</c> reference: for comparing values.</summary>
    private string Rendered(ReferenceExpression expression) =>
        ClusterEnvironment.SingleSecret(expression) is { } secret
            ? $"secret:{secret.Name}"
            : expression.ToClusterValue(RenderContext(new List<ParameterResource>()));

    /// <summary>The text of a value without secrets; null when it holds one.</summary>
    private string? PlainValue(ReferenceExpression expression)
    {
        var secretsUsed = new List<ParameterResource>();
        var value = expression.ToClusterValue(RenderContext(secretsUsed));
        return secretsUsed.Count == 0 && !expression.IsSecret ? value : null;
    }

    private SortedDictionary<string, string> BuildSharedConfig()
    {
        var shared = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var all = environments.Values.ToList();
        foreach (var (name, expression) in all[0])
        {
            if (!name.StartsWith("AIRFLOW__", StringComparison.Ordinal) || IsSensitive(name) || PlainValue(expression) is not { } value)
            {
                continue;
            }

            if (all.All(env => env.TryGetValue(name, out var other) && PlainValue(other) == value))
            {
                shared[name] = value;
            }
        }

        // What the cluster adds: a host name the API server can reach the worker by, and where git-sync checks the DAGs out.
        AddIfUnset(shared, "AIRFLOW__CORE__HOSTNAME_CALLABLE", AirflowClusterFacts.HostnameCallable);
        if (GitSync.Delivery(Airflow) is { } git)
        {
            AddIfUnset(shared, "AIRFLOW__CORE__DAGS_FOLDER", GitSync.DagsFolder(git));
        }

        return shared;
    }

    private void AddIfUnset(SortedDictionary<string, string> shared, string name, string value)
    {
        if (environments.Values.All(env => !env.ContainsKey(name)))
        {
            shared[name] = value;
        }
    }

    /// <summary><c>AIRFLOW__SECTION__OPTION</c> of an option Airflow masks as sensitive: never in a ConfigMap, even as literal text.</summary>
    private static bool IsSensitive(string variable)
    {
        var parts = variable["AIRFLOW__".Length..].Split("__", 2);
        return parts.Length == 2 && AirflowConfigCatalog.IsSensitive(parts[0], parts[1]);
    }

    private static bool IsImageStartupSwitch(string variable) => variable.StartsWith("_AIRFLOW_", StringComparison.Ordinal);
}

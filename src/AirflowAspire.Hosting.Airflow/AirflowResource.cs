namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// An Airflow deployment: the settings every component shares, and the parent its component containers
/// (<c>{name}-scheduler</c>, ...) are nested under in the dashboard. Its connection string is the UI's URL. In a local
/// run its state sums up theirs (see <c>State/AirflowStateSummary</c>).
/// </summary>
public sealed class AirflowResource(string name, int? apiServerPort, AirflowSecrets secrets) : Resource(name), IResourceWithConnectionString
{
    private readonly SortedDictionary<AirflowRole, AirflowComponentResource> components = [];
    private readonly List<AirflowComponentResource> localWorkers = [];
    private readonly List<AirflowConfigOverride> configOverrides = [];
    private readonly List<AirflowConnection> connections = [];
    private readonly List<AirflowVariable> variables = [];
    private readonly List<AirflowPool> pools = [];
    private readonly List<(AirflowRole Role, Action<IResourceBuilder<AirflowComponentResource>> Configure)> customizations = [];

    /// <summary>A fixed host port for the UI in local runs; null picks a free one.</summary>
    public int? ApiServerPort { get; } = apiServerPort;

    public AirflowVersion Version { get; internal set; } = AirflowVersion.Parse(AirflowContainerImageTags.Tag, name);

    /// <summary>The image every component runs: the official one of <see cref="Version"/> unless another was set.</summary>
    public AirflowImage Image { get; internal set; } = AirflowImage.Official(AirflowContainerImageTags.Tag);

    /// <summary>True when WithImage or a DAG image lock chose the image.</summary>
    public bool HasCustomImage { get; internal set; }

    public AirflowExecutor Executor { get; internal set; } = AirflowExecutor.Local;

    /// <summary>The metadata database when the model runs it; null when <see cref="ExternalDatabase"/> is used.</summary>
    public PostgresDatabaseResource? Database { get; internal set; }

    /// <summary>A SQLAlchemy URL of a metadata database outside the model (a connection-string resource).</summary>
    public IResourceWithConnectionString? ExternalDatabase { get; internal set; }

    /// <summary>The Celery broker: a Redis or RabbitMQ resource.</summary>
    public IResourceWithConnectionString? Broker { get; internal set; }

    /// <summary>How DAG files reach the pods in a cluster; baked into the image unless set otherwise.</summary>
    public AirflowDagDelivery DagDelivery { get; internal set; } = AirflowDagDelivery.Baked;

    /// <summary>A shared volume for task logs in a cluster; null keeps logs on each pod (served by the workers).</summary>
    public AirflowVolume? LogsVolume { get; internal set; }

    /// <summary>How the UI is reached from outside a cluster.</summary>
    public AirflowApiServerExposure ApiServerExposure { get; internal set; } = AirflowApiServerExposure.ClusterIP;

    /// <summary>How the number of Celery workers follows the load in a cluster; null keeps <see cref="Workers"/> fixed.</summary>
    public AirflowWorkerAutoscaling? WorkerAutoscaling { get; internal set; }

    /// <summary>In a cluster, the database server and every component run as containers of one StatefulSet pod.</summary>
    public bool IsStandalonePod { get; internal set; }

    /// <summary>Tasks start pods of their own, so in a cluster the components may create and watch pods.</summary>
    public bool LaunchesPods => LaunchesPodsRequested || Executor == AirflowExecutor.Kubernetes;

    internal bool LaunchesPodsRequested { get; set; }

    /// <summary>How many Celery workers run; set with WithWorkers, 1 by default.</summary>
    public int Workers => RequestedWorkers ?? 1;

    internal int? RequestedWorkers { get; set; }

    public bool HasFlower { get; internal set; }

    public bool HasTriggerer { get; internal set; }

    /// <summary>Airflow 2 only; Airflow 3 always runs a separate dag-processor.</summary>
    public bool HasStandaloneDagProcessor { get; internal set; }

    /// <summary>The DAG folder on the host, absolute; null when the DAGs are only in the image.</summary>
    public string? DagsPath { get; internal set; }

    public string AdminUserName { get; internal set; } = "admin";

    public KubernetesExecutorOptions? KubernetesExecutor { get; internal set; }

    /// <summary>The generated secrets: fernet key seed, JWT secret, API/webserver secret key, admin password.</summary>
    public AirflowSecrets Secrets { get; } = secrets;

    public IReadOnlyList<AirflowConfigOverride> ConfigOverrides => configOverrides;

    /// <summary>The connections every component gets as <c>AIRFLOW_CONN_{ID}</c> (WithConnection).</summary>
    public IReadOnlyList<AirflowConnection> Connections => connections;

    /// <summary>The variables every component gets as <c>AIRFLOW_VAR_{KEY}</c> (WithVariable).</summary>
    public IReadOnlyList<AirflowVariable> Variables => variables;

    /// <summary>The pools the init creates or updates after the migration (WithPool).</summary>
    public IReadOnlyList<AirflowPool> Pools => pools;

    /// <summary>The component containers of the current settings, by role.</summary>
    public IReadOnlyDictionary<AirflowRole, AirflowComponentResource> Components => components;

    /// <summary>
    /// The Celery workers a local run starts besides <c>{name}-worker</c>: <c>{name}-worker-2</c> and on. Aspire's
    /// orchestrator makes replicas of projects only, so each further local worker is a container resource of its own;
    /// publishers see one worker component with <see cref="Workers"/> replicas instead.
    /// </summary>
    public IReadOnlyList<AirflowComponentResource> AdditionalLocalWorkers => localWorkers;

    /// <summary>The API server (Airflow 3) or webserver (Airflow 2).</summary>
    public AirflowComponentResource WebComponent =>
        components.GetValueOrDefault(AirflowRole.ApiServer) ?? components.GetValueOrDefault(AirflowRole.Webserver)
        ?? throw new InvalidOperationException($"Airflow '{Name}' has no API server.");

    /// <summary>The UI's endpoint: its replacement's when the API server was replaced before start (see <see cref="ResourceReplacementAnnotation"/>).</summary>
    public EndpointReference WebEndpoint =>
        ResourceReplacementAnnotation.EndpointOf(WebComponent) ?? WebComponent.GetEndpoint(AirflowComponentResource.HttpEndpointName);

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{WebEndpoint.Property(EndpointProperty.Url)}");

    internal IReadOnlyList<(AirflowRole Role, Action<IResourceBuilder<AirflowComponentResource>> Configure)> Customizations => customizations;

    internal void AddConfig(AirflowConfigOverride entry) => configOverrides.Add(entry);

    internal void AddConnection(AirflowConnection connection) => connections.Add(connection);

    internal void AddVariable(AirflowVariable variable) => variables.Add(variable);

    internal void AddPool(AirflowPool pool) => pools.Add(pool);

    internal void AddCustomization(AirflowRole role, Action<IResourceBuilder<AirflowComponentResource>> configure) =>
        customizations.Add((role, configure));

    internal void SetComponent(AirflowRole role, AirflowComponentResource component) => components[role] = component;

    internal void RemoveComponent(AirflowRole role) => components.Remove(role);

    internal void AddLocalWorker(AirflowComponentResource worker) => localWorkers.Add(worker);

    internal void RemoveLocalWorker(AirflowComponentResource worker) => localWorkers.Remove(worker);
}

/// <summary>One <c>[section] option = value</c> set with WithConfig.</summary>
public sealed record AirflowConfigOverride(string Section, string Option, ReferenceExpression Value)
{
    public string EnvironmentVariable => $"AIRFLOW__{Section.ToUpperInvariant()}__{Option.ToUpperInvariant()}";
}

/// <summary>Settings of the KubernetesExecutor: where task pods run and what they are made from.</summary>
/// <param name="Namespace">The namespace task pods are created in.</param>
/// <param name="PodTemplateFile">A pod template YAML on the host; null uses the one the publisher writes.</param>
public sealed record KubernetesExecutorOptions(string Namespace = "airflow", string? PodTemplateFile = null)
{
    /// <summary>Where Airflow reads the pod template inside its containers.</summary>
    public const string PodTemplateMountPath = "/opt/airflow/pod_templates/pod_template.yaml";
}

/// <summary>The generated secrets an Airflow deployment needs; the JWT secret is used by Airflow 3 only.</summary>
public sealed record AirflowSecrets(
    ParameterResource FernetKeySeed,
    ParameterResource JwtSecret,
    ParameterResource SecretKey,
    ParameterResource AdminPassword);

/// <summary>An image every component runs: <c>[registry/]image:tag</c>.</summary>
public sealed record AirflowImage(string? Registry, string Image, string Tag)
{
    public static AirflowImage Official(string tag) =>
        new(AirflowContainerImageTags.Registry, AirflowContainerImageTags.Image, tag);

    /// <summary>The repository without the tag, e.g. <c>docker.io/apache/airflow</c>.</summary>
    public string Repository => Registry is null ? Image : $"{Registry}/{Image}";

    public string Reference => $"{Repository}:{Tag}";

    public override string ToString() => Reference;
}

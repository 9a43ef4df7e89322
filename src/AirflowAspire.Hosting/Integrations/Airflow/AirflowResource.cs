using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Integrations.Postgres;

namespace AirflowAspire.Hosting.Integrations.Airflow;

/// <summary>
/// An Airflow deployment. It holds the settings; at Build() it becomes one container per component
/// (<c>{name}-scheduler</c>, ...). Its connection string is the API server's URL.
/// </summary>
public sealed class AirflowResource(string name, int? apiServerPort) : Resource(name), IResourceWithConnectionString
{
    private readonly Dictionary<AirflowRole, ContainerResource> components = [];
    private readonly List<AirflowConfigOverride> configOverrides = [];
    private readonly List<(AirflowRole Role, Action<IResourceBuilder<ContainerResource>> Configure)> componentCustomizations = [];
    private bool materialized;

    public int? ApiServerPort { get; } = apiServerPort;

    public AirflowVersion Version { get; private set; } = AirflowVersion.Parse(AirflowContainerImageTags.Tag, name);

    /// <summary>The image every component runs; the official one unless a baked image was set.</summary>
    public ContainerImageAnnotation Image { get; private set; } =
        new(AirflowContainerImageTags.Image, AirflowContainerImageTags.Tag, AirflowContainerImageTags.Registry);

    public bool HasCustomImage { get; private set; }

    public AirflowExecutor Executor { get; private set; } = AirflowExecutor.Local;

    /// <summary>The metadata database when the model runs it; null when <see cref="ExternalDatabase"/> is used.</summary>
    public PostgresDatabaseResource? Database { get; private set; }

    /// <summary>A SQLAlchemy URL of a metadata database outside the model (a connection-string parameter).</summary>
    public ParameterResource? ExternalDatabase { get; private set; }

    /// <summary>How DAG files reach the pods in a cluster; baked into the image unless set otherwise.</summary>
    public AirflowDagDelivery DagDelivery { get; private set; } = AirflowDagDelivery.Baked;

    /// <summary>A shared volume for task logs in a cluster; null keeps logs on each pod (served by the workers).</summary>
    public AirflowVolume? LogsVolume { get; private set; }

    /// <summary>How the UI is reached from outside a cluster.</summary>
    public AirflowApiServerExposure ApiServerExposure { get; private set; } = AirflowApiServerExposure.ClusterIP;

    /// <summary>How the number of Celery workers follows the load in a cluster; null keeps <see cref="Workers"/> fixed.</summary>
    public AirflowWorkerAutoscaling? WorkerAutoscaling { get; private set; }

    /// <summary>
    /// In a cluster, the database server and every component run as containers of one StatefulSet pod
    /// (LocalExecutor only): the smallest deployment that keeps its data.
    /// </summary>
    public bool IsStandalonePod { get; private set; }

    /// <summary>
    /// Tasks start pods of their own (KubernetesPodOperator), so in a cluster the components get a
    /// ServiceAccount allowed to create and watch pods in their namespace. Implied by the KubernetesExecutor.
    /// </summary>
    public bool LaunchesPods => launchesPods || Executor == AirflowExecutor.Kubernetes;

    private bool launchesPods;

    /// <summary>The Celery broker: a Redis or RabbitMQ resource.</summary>
    public IResourceWithConnectionString? Broker { get; private set; }

    /// <summary>How many Celery workers run; set with WithWorkers, 1 by default.</summary>
    public int Workers => RequestedWorkers ?? 1;

    internal int? RequestedWorkers { get; private set; }

    public bool HasFlower { get; private set; }

    public bool HasTriggerer { get; private set; }

    /// <summary>Airflow 2 only; Airflow 3 always runs a separate dag-processor.</summary>
    public bool HasStandaloneDagProcessor { get; private set; }

    /// <summary>The DAG folder on the host, absolute; null when the DAGs are baked into the image.</summary>
    public string? DagsPath { get; private set; }

    public string AdminUserName { get; private set; } = "admin";

    public KubernetesExecutorOptions? KubernetesExecutor { get; private set; }

    public IReadOnlyList<AirflowConfigOverride> ConfigOverrides => configOverrides;

    /// <summary>The component containers, once Build() created them.</summary>
    public IReadOnlyDictionary<AirflowRole, ContainerResource> Components => components;

    /// <summary>The secrets Build() created: fernet key seed, JWT secret, API/webserver secret key, admin password.</summary>
    public AirflowSecrets? Secrets { get; internal set; }

    /// <summary>The API server (Airflow 3) or webserver (Airflow 2).</summary>
    public ContainerResource WebComponent =>
        components.GetValueOrDefault(AirflowRole.ApiServer) ?? components.GetValueOrDefault(AirflowRole.Webserver)
        ?? throw new InvalidOperationException($"Airflow '{Name}' has no components before Build().");

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Of(new EndpointReference(WebComponent, "http").Url);

    internal IReadOnlyList<(AirflowRole Role, Action<IResourceBuilder<ContainerResource>> Configure)> ComponentCustomizations =>
        componentCustomizations;

    internal void SetVersion(AirflowVersion version)
    {
        Change();
        Version = version;
        if (!HasCustomImage)
        {
            Image = Image with { Tag = version.ToString() };
        }
    }

    internal void SetImage(ContainerImageAnnotation image)
    {
        Change();
        Image = image;
        HasCustomImage = true;
    }

    internal void SetExecutor(AirflowExecutor executor, IResourceWithConnectionString? broker = null, KubernetesExecutorOptions? kubernetes = null)
    {
        Change();
        Executor = executor;
        Broker = broker;
        KubernetesExecutor = kubernetes;
    }

    internal void SetDatabase(PostgresDatabaseResource database) => Change(() => (Database, ExternalDatabase) = (database, null));

    internal void SetExternalDatabase(ParameterResource connectionString) => Change(() => (Database, ExternalDatabase) = (null, connectionString));

    internal void SetDagDelivery(AirflowDagDelivery delivery) => Change(() => DagDelivery = delivery);

    internal void SetLogsVolume(AirflowVolume volume) => Change(() => LogsVolume = volume);

    internal void SetApiServerExposure(AirflowApiServerExposure exposure) => Change(() => ApiServerExposure = exposure);

    internal void SetWorkerAutoscaling(AirflowWorkerAutoscaling autoscaling) => Change(() => WorkerAutoscaling = autoscaling);

    internal void MakeStandalonePod() => Change(() => IsStandalonePod = true);

    internal void AllowPodLaunching() => Change(() => launchesPods = true);

    internal void SetWorkers(int workers) => Change(() => RequestedWorkers = workers);

    internal void EnableFlower() => Change(() => HasFlower = true);

    internal void EnableTriggerer() => Change(() => HasTriggerer = true);

    internal void EnableStandaloneDagProcessor() => Change(() => HasStandaloneDagProcessor = true);

    internal void SetDagsPath(string path) => Change(() => DagsPath = path);

    internal void SetAdminUserName(string userName) => Change(() => AdminUserName = userName);

    internal void AddConfig(AirflowConfigOverride entry) => Change(() => configOverrides.Add(entry));

    internal void Customize(AirflowRole role, Action<IResourceBuilder<ContainerResource>> configure) =>
        Change(() => componentCustomizations.Add((role, configure)));

    internal void AddComponent(AirflowRole role, ContainerResource container) => components[role] = container;

    internal void MarkMaterialized() => materialized = true;

    private void Change(Action? change = null)
    {
        if (materialized)
        {
            throw new InvalidOperationException($"Airflow '{Name}' was already built; change its settings before Build().");
        }

        change?.Invoke();
    }
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

/// <summary>The generated secrets an Airflow deployment needs.</summary>
public sealed record AirflowSecrets(
    ParameterResource FernetKeySeed,
    ParameterResource? JwtSecret,
    ParameterResource SecretKey,
    ParameterResource AdminPassword);

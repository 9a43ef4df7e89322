using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Integrations.Airflow;
using AirflowAspire.Hosting.Integrations.Postgres;
using AirflowAspire.Hosting.Integrations.RabbitMQ;
using AirflowAspire.Hosting.Integrations.Redis;

// In the root namespace, as Aspire does, so an AppHost needs one using directive.
namespace AirflowAspire.Hosting;

public static class AirflowBuilderExtensions
{
    /// <summary>
    /// An Airflow deployment (3.x unless WithVersion says otherwise) with the LocalExecutor. Its components
    /// are created at Build() from the settings made with the WithX methods.
    /// </summary>
    /// <param name="apiServerPort">A fixed host port for the UI in local runs; null picks a free one.</param>
    public static IResourceBuilder<AirflowResource> AddAirflow(this IDistributedApplicationBuilder builder, string name, int? apiServerPort = null)
    {
        var airflow = builder.AddResource(new AirflowResource(name, apiServerPort));
        builder.OnBeforeBuild(b => AirflowTopology.Materialize(b, airflow.Resource));
        return airflow;
    }

    /// <summary>The metadata database. Airflow connects with SQLAlchemy's psycopg2 driver.</summary>
    public static IResourceBuilder<AirflowResource> WithDatabase(this IResourceBuilder<AirflowResource> airflow, IResourceBuilder<PostgresDatabaseResource> database)
    {
        ResourceBuilderExtensions.ThrowIfForeign(airflow, database);
        airflow.Resource.SetDatabase(database.Resource);
        return airflow.WithAnnotation(new ResourceRelationshipAnnotation(database.Resource, ResourceRelationshipAnnotation.Reference));
    }

    /// <summary>
    /// A metadata database outside the model, e.g. a managed PostgreSQL, given as a SQLAlchemy URL
    /// (<c>postgresql+psycopg2://user:password@host:5432/airflow</c>) in a connection string made with
    /// <c>builder.AddConnectionString("airflow-db")</c>. Nothing waits for it and no Postgres is deployed.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithDatabase(this IResourceBuilder<AirflowResource> airflow, IResourceBuilder<ParameterResource> connectionString)
    {
        ResourceBuilderExtensions.ThrowIfForeign(airflow, connectionString);
        if (!connectionString.Resource.IsConnectionString)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Resource.Name}': '{connectionString.Resource.Name}' is a parameter, not a connection string; " +
                "create it with builder.AddConnectionString(name).");
        }

        airflow.Resource.SetExternalDatabase(connectionString.Resource);
        return airflow.WithAnnotation(new ResourceRelationshipAnnotation(connectionString.Resource, ResourceRelationshipAnnotation.Reference));
    }

    public static IResourceBuilder<AirflowResource> WithLocalExecutor(this IResourceBuilder<AirflowResource> airflow)
    {
        airflow.Resource.SetExecutor(AirflowExecutor.Local);
        return airflow;
    }

    /// <summary>CeleryExecutor with Redis as the broker; results go to the metadata database.</summary>
    public static IResourceBuilder<AirflowResource> WithCeleryExecutor(this IResourceBuilder<AirflowResource> airflow, IResourceBuilder<RedisResource> broker) =>
        airflow.WithCeleryBroker(broker);

    /// <summary>CeleryExecutor with RabbitMQ as the broker; results go to the metadata database.</summary>
    public static IResourceBuilder<AirflowResource> WithCeleryExecutor(this IResourceBuilder<AirflowResource> airflow, IResourceBuilder<RabbitMQServerResource> broker) =>
        airflow.WithCeleryBroker(broker);

    /// <summary>KubernetesExecutor: one pod per task in <see cref="KubernetesExecutorOptions.Namespace"/>.</summary>
    public static IResourceBuilder<AirflowResource> WithKubernetesExecutor(this IResourceBuilder<AirflowResource> airflow, KubernetesExecutorOptions? options = null)
    {
        options ??= new KubernetesExecutorOptions();
        ResourceNames.ThrowIfInvalid(options.Namespace, "Kubernetes namespace");
        if (options.PodTemplateFile is { } template)
        {
            var fullPath = Path.GetFullPath(Path.Combine(airflow.ApplicationBuilder.AppHostDirectory, template));
            if (!File.Exists(fullPath))
            {
                throw new DistributedApplicationException(
                    $"Airflow '{airflow.Resource.Name}': the pod template file '{template}' (resolved to {fullPath}) does not exist.");
            }

            options = options with { PodTemplateFile = fullPath };
        }

        airflow.Resource.SetExecutor(AirflowExecutor.Kubernetes, kubernetes: options);
        return airflow;
    }

    /// <summary>How many Celery workers run (each a replica of <c>{name}-worker</c>).</summary>
    public static IResourceBuilder<AirflowResource> WithWorkers(this IResourceBuilder<AirflowResource> airflow, int count)
    {
        if (count < 1)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Resource.Name}' was given {count} Celery workers; use at least 1, WithKedaAutoscaling(0, n) to scale to zero, " +
                "or WithLocalExecutor() to run tasks without Celery.");
        }

        airflow.Resource.SetWorkers(count);
        return airflow;
    }

    public static IResourceBuilder<AirflowResource> WithFlower(this IResourceBuilder<AirflowResource> airflow)
    {
        airflow.Resource.EnableFlower();
        return airflow;
    }

    public static IResourceBuilder<AirflowResource> WithTriggerer(this IResourceBuilder<AirflowResource> airflow)
    {
        airflow.Resource.EnableTriggerer();
        return airflow;
    }

    /// <summary>Airflow 2 only: parse DAGs in a separate dag-processor (Airflow 3 always does).</summary>
    public static IResourceBuilder<AirflowResource> WithStandaloneDagProcessor(this IResourceBuilder<AirflowResource> airflow)
    {
        airflow.Resource.EnableStandaloneDagProcessor();
        return airflow;
    }

    /// <summary>Mounts a DAG folder of the host (relative to the AppHost project) read-only at /opt/airflow/dags.</summary>
    public static IResourceBuilder<AirflowResource> WithDags(this IResourceBuilder<AirflowResource> airflow, string path)
    {
        var fullPath = Path.GetFullPath(Path.Combine(airflow.ApplicationBuilder.AppHostDirectory, path));
        if (!Directory.Exists(fullPath))
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Resource.Name}': the DAG folder '{path}' (resolved to {fullPath}) does not exist. " +
                "Create it, or give WithDags a path relative to the AppHost project.");
        }

        airflow.Resource.SetDagsPath(fullPath);
        return airflow;
    }

    /// <summary>
    /// Runs another image, e.g. one DagPackager baked the DAGs into. Say which Airflow it holds with
    /// WithVersion when it is not the default version.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithImage(this IResourceBuilder<AirflowResource> airflow, string image, string? tag = null)
    {
        var parsed = ImageReference.Parse(image, airflow.Resource.Name);
        airflow.Resource.SetImage(new ContainerImageAnnotation(parsed.Image, tag ?? parsed.Tag ?? "latest", parsed.Registry));
        return airflow;
    }

    /// <summary>The Airflow version, e.g. "2.11.0"; also the official image's tag unless WithImage set another image.</summary>
    public static IResourceBuilder<AirflowResource> WithVersion(this IResourceBuilder<AirflowResource> airflow, string version)
    {
        ImageReference.ThrowIfInvalidTag(version, airflow.Resource.Name);
        airflow.Resource.SetVersion(AirflowVersion.Parse(version, airflow.Resource.Name));
        return airflow;
    }

    /// <summary>Sets <c>[section] option</c>; fails at once when the option does not exist in this Airflow version.</summary>
    public static IResourceBuilder<AirflowResource> WithConfig(this IResourceBuilder<AirflowResource> airflow, string section, string option, string value) =>
        airflow.WithConfig(section, option, ReferenceExpression.Literal(value));

    /// <summary>Sets <c>[section] option</c> to a value that refers to other resources or parameters.</summary>
    public static IResourceBuilder<AirflowResource> WithConfig(this IResourceBuilder<AirflowResource> airflow, string section, string option, ReferenceExpression value)
    {
        if (string.IsNullOrWhiteSpace(section) || string.IsNullOrWhiteSpace(option) || (section + option).Contains("__"))
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Resource.Name}': WithConfig needs a section and an option name, e.g. WithConfig(\"core\", \"parallelism\", \"64\").");
        }

        AirflowConfigCatalog.ThrowIfUnknown(section, option, airflow.Resource.Version, airflow.Resource.Name);
        airflow.Resource.AddConfig(new AirflowConfigOverride(section.ToLowerInvariant(), option.ToLowerInvariant(), value));
        return airflow;
    }

    public static IResourceBuilder<AirflowResource> WithAdminUser(this IResourceBuilder<AirflowResource> airflow, string userName)
    {
        if (string.IsNullOrWhiteSpace(userName) || userName.Any(char.IsWhiteSpace))
        {
            throw new DistributedApplicationException($"Airflow '{airflow.Resource.Name}': the admin user name '{userName}' must be one word.");
        }

        airflow.Resource.SetAdminUserName(userName);
        return airflow;
    }

    /// <summary>Changes one component's container once Build() creates it, e.g. to add environment or a host port.</summary>
    public static IResourceBuilder<AirflowResource> WithComponent(
        this IResourceBuilder<AirflowResource> airflow, AirflowRole role, Action<IResourceBuilder<ContainerResource>> configure)
    {
        airflow.Resource.Customize(role, configure);
        return airflow;
    }

    /// <summary>
    /// How DAG files reach the pods in a cluster: <see cref="AirflowDagDelivery.Baked"/> (the default),
    /// <see cref="AirflowDagDelivery.GitSync"/> or <see cref="AirflowDagDelivery.Volume"/>. Configuration
    /// (<c>Airflow:{name}:DagDelivery</c>) overrides it at Build().
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithDagDelivery(this IResourceBuilder<AirflowResource> airflow, AirflowDagDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        delivery.ThrowIfInvalid(airflow.Resource.Name);
        airflow.Resource.SetDagDelivery(delivery);
        return airflow;
    }

    /// <summary>Task logs on a ReadWriteMany volume every Airflow pod mounts at /opt/airflow/logs, in a cluster.</summary>
    public static IResourceBuilder<AirflowResource> WithLogsVolume(this IResourceBuilder<AirflowResource> airflow, string size = "10Gi", string? storageClass = null)
    {
        AirflowVolume.ThrowIfInvalidSize(size, airflow.Resource.Name, "logs volume");
        airflow.Resource.SetLogsVolume(new AirflowVolume(size, storageClass));
        return airflow;
    }

    /// <summary>In a cluster, the UI gets a LoadBalancer Service with an external address.</summary>
    public static IResourceBuilder<AirflowResource> WithLoadBalancer(this IResourceBuilder<AirflowResource> airflow)
    {
        airflow.Resource.SetApiServerExposure(new AirflowApiServerExposure(AirflowServiceType.LoadBalancer));
        return airflow;
    }

    /// <summary>In a cluster, the UI is served for <paramref name="host"/> through an Ingress.</summary>
    public static IResourceBuilder<AirflowResource> WithIngress(
        this IResourceBuilder<AirflowResource> airflow, string host, string? ingressClassName = null, string? tlsSecretName = null)
    {
        if (Uri.CheckHostName(host) != UriHostNameType.Dns || host.Contains('*'))
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Resource.Name}': the Ingress host '{host}' is not a DNS name; give one such as \"airflow.example.com\".");
        }

        if (tlsSecretName is not null)
        {
            ResourceNames.ThrowIfInvalid(tlsSecretName, "TLS Secret name");
        }

        airflow.Resource.SetApiServerExposure(new AirflowApiServerExposure(AirflowServiceType.Ingress, host, ingressClassName, tlsSecretName));
        return airflow;
    }

    /// <summary>In a cluster, a HorizontalPodAutoscaler keeps the Celery workers between the bounds on CPU use.</summary>
    public static IResourceBuilder<AirflowResource> WithWorkerAutoscaling(
        this IResourceBuilder<AirflowResource> airflow, int minReplicas, int maxReplicas, int targetCpuUtilization = 80)
    {
        ThrowIfInvalidBounds(airflow, minReplicas, maxReplicas, lowest: 1, "a HorizontalPodAutoscaler");
        if (targetCpuUtilization is < 1 or > 100)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Resource.Name}': the target CPU utilization {targetCpuUtilization}% must be between 1 and 100.");
        }

        airflow.Resource.SetWorkerAutoscaling(new AirflowWorkerAutoscaling(AirflowAutoscaler.HorizontalPodAutoscaler, minReplicas, maxReplicas, targetCpuUtilization));
        return airflow;
    }

    /// <summary>
    /// In a cluster, a KEDA ScaledObject sizes the Celery workers to the queued and running tasks, down to
    /// <paramref name="minReplicas"/> (0 allowed). Needs KEDA installed in the cluster.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithKedaAutoscaling(
        this IResourceBuilder<AirflowResource> airflow, int minReplicas, int maxReplicas, int tasksPerWorker = 16)
    {
        ThrowIfInvalidBounds(airflow, minReplicas, maxReplicas, lowest: 0, "KEDA");
        if (tasksPerWorker < 1)
        {
            throw new DistributedApplicationException($"Airflow '{airflow.Resource.Name}': tasks per worker must be at least 1, not {tasksPerWorker}.");
        }

        airflow.Resource.SetWorkerAutoscaling(new AirflowWorkerAutoscaling(AirflowAutoscaler.Keda, minReplicas, maxReplicas, TasksPerWorker: tasksPerWorker));
        return airflow;
    }

    /// <summary>
    /// In a cluster, runs the Postgres server and every Airflow component as containers of one StatefulSet pod,
    /// the database on a persistent volume. Needs the LocalExecutor and a Postgres database from the model.
    /// </summary>
    public static IResourceBuilder<AirflowResource> PublishAsStandalonePod(this IResourceBuilder<AirflowResource> airflow)
    {
        airflow.Resource.MakeStandalonePod();
        return airflow;
    }

    /// <summary>
    /// Tasks use KubernetesPodOperator: in a cluster, Airflow's pods run under a ServiceAccount whose Role
    /// allows creating, watching and deleting pods (and reading their logs) in the deployment's namespace.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithKubernetesPodOperator(this IResourceBuilder<AirflowResource> airflow)
    {
        airflow.Resource.AllowPodLaunching();
        return airflow;
    }

    private static void ThrowIfInvalidBounds(IResourceBuilder<AirflowResource> airflow, int min, int max, int lowest, string autoscaler)
    {
        if (min < lowest || max < Math.Max(min, 1))
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Resource.Name}': worker autoscaling with {autoscaler} needs {lowest} <= minReplicas <= maxReplicas and maxReplicas >= 1 " +
                $"(got minReplicas {min}, maxReplicas {max}).");
        }
    }

    private static IResourceBuilder<AirflowResource> WithCeleryBroker(this IResourceBuilder<AirflowResource> airflow, IResourceBuilder<IResourceWithConnectionString> broker)
    {
        ResourceBuilderExtensions.ThrowIfForeign(airflow, broker);
        airflow.Resource.SetExecutor(AirflowExecutor.Celery, broker.Resource);
        return airflow.WithAnnotation(new ResourceRelationshipAnnotation(broker.Resource, ResourceRelationshipAnnotation.Reference));
    }
}

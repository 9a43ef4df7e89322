using AirflowAspire.DagChecks;
using AirflowAspire.Hosting.Airflow;
using AirflowAspire.Hosting.Airflow.State;
using AirflowAspire.Hosting.Publishing;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

/// <summary>Adds Apache Airflow to an Aspire app model and configures it.</summary>
public static class AirflowBuilderExtensions
{
    /// <summary>
    /// An Airflow deployment (3.x unless WithVersion says otherwise) with the LocalExecutor: a run-once
    /// <c>{name}-init</c> (database migration and the first admin user), the API server, the scheduler and the
    /// dag-processor, each a container of the official image nested under <paramref name="name"/>.
    /// </summary>
    /// <param name="apiServerPort">A fixed host port for the UI in local runs; null picks a free one.</param>
    public static IResourceBuilder<AirflowResource> AddAirflow(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? apiServerPort = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ResourceNames.ThrowIfInvalid(name, "Airflow resource");

        var secrets = new AirflowSecrets(
            FernetKeySeed: AddSecret(builder, $"{name}-fernet-key-seed", 32),
            JwtSecret: AddSecret(builder, $"{name}-jwt-secret", 32),
            SecretKey: AddSecret(builder, $"{name}-secret-key", 32),
            AdminPassword: AddSecret(builder, $"{name}-admin-password", 16));
        var airflow = builder.AddResource(new AirflowResource(name, apiServerPort, secrets))
            .WithIconName("Flow")
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Airflow",
                State = new ResourceStateSnapshot(KnownResourceStates.Waiting, KnownResourceStateStyles.Info),
                Properties = [],
            })
            .ExcludeFromManifest();
        AirflowStateMonitor.Add(airflow);
        AirflowDeclarationProperties.Add(airflow);
        AirflowAspire.Hosting.Airflow.Footprint.ResourceUsageMonitor.Add(airflow);

        if (AirflowDagDelivery.FromConfiguration(builder.Configuration.GetSection($"Airflow:{name}")) is { } configured)
        {
            configured.ThrowIfInvalid(name);
            airflow.Resource.DagDelivery = configured;
        }

        var lockBeside = Path.Combine(builder.AppHostDirectory, DagImageLock.FileName);
        if (File.Exists(lockBeside))
        {
            AirflowDagImageLock.Apply(lockBeside, isExplicit: false, airflow.Resource);
        }

        builder.Eventing.Subscribe<BeforeStartEvent>((_, _) =>
        {
            AirflowModelValidation.ThrowIfInvalid(airflow.Resource);
            return Task.CompletedTask;
        });
        if (builder.ExecutionContext.IsRunMode)
        {
            airflow.WithComponent(AirflowRole.Scheduler, AirflowAspire.Hosting.Airflow.Commands.AirflowCliCommands.Add);
            AirflowAspire.Hosting.Airflow.Upgrade.AirflowUpgradeGate.Add(airflow);
        }

        foreach (var role in Enum.GetValues<AirflowRole>())
        {
            airflow.WithComponent(role, AirflowAspire.Hosting.Airflow.Telemetry.AirflowTelemetry.Add);
        }

        airflow.WithComponent(AirflowRole.Worker, AirflowAspire.Hosting.Airflow.Footprint.AirflowLocalDefaults.Add);

        return airflow.Sync();
    }

    /// <summary>The metadata database. Airflow connects with SQLAlchemy's psycopg2 driver; every component waits for it.</summary>
    public static IResourceBuilder<AirflowResource> WithDatabase(this IResourceBuilder<AirflowResource> airflow, IResourceBuilder<PostgresDatabaseResource> database)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        ArgumentNullException.ThrowIfNull(database);
        airflow.Resource.Database = database.Resource;
        airflow.Resource.ExternalDatabase = null;

        // Aspire creates AddDatabase's database only in local runs. A published server creates it on its first
        // start instead, as the official image does for POSTGRES_DB, so the migration finds it in a cluster too.
        var databaseName = database.Resource.DatabaseName;
        airflow.ApplicationBuilder.CreateResourceBuilder(database.Resource.Parent).WithEnvironment(context =>
        {
            if (context.ExecutionContext.IsPublishMode)
            {
                context.EnvironmentVariables["POSTGRES_DB"] = databaseName;
            }
        });
        return airflow.WithReferenceRelationship(database.Resource).Sync();
    }

    /// <summary>
    /// A metadata database outside the model, e.g. a managed PostgreSQL, given as a SQLAlchemy URL
    /// (<c>postgresql+psycopg2://user:password@host:5432/airflow</c>) in a connection string made with
    /// <c>builder.AddConnectionString("airflow-db")</c>. Nothing waits for it and no Postgres is deployed.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithDatabase(this IResourceBuilder<AirflowResource> airflow, IResourceBuilder<IResourceWithConnectionString> connectionString)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        ArgumentNullException.ThrowIfNull(connectionString);
        if (connectionString.Resource is PostgresDatabaseResource database)
        {
            return airflow.WithDatabase(airflow.ApplicationBuilder.CreateResourceBuilder(database));
        }

        airflow.Resource.ExternalDatabase = connectionString.Resource;
        airflow.Resource.Database = null;
        return airflow.WithReferenceRelationship(connectionString.Resource).Sync();
    }

    public static IResourceBuilder<AirflowResource> WithLocalExecutor(this IResourceBuilder<AirflowResource> airflow)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        airflow.Resource.Executor = AirflowExecutor.Local;
        airflow.Resource.Broker = null;
        airflow.Resource.KubernetesExecutor = null;
        return airflow.Sync();
    }

    /// <summary>
    /// CeleryExecutor with Redis as the broker; results go to the metadata database. Redis runs without TLS in
    /// local runs, since Celery's broker URL must say <c>redis://</c> or <c>rediss://</c> before it starts.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithCeleryExecutor(this IResourceBuilder<AirflowResource> airflow, IResourceBuilder<RedisResource> broker)
    {
        ArgumentNullException.ThrowIfNull(broker);
        // Experimental in Aspire 13.6, and the only way to keep Aspire's Redis from switching to TLS where a
        // developer certificate exists; Celery's broker URL is fixed before the container starts.
#pragma warning disable ASPIRECERTIFICATES001
        broker.WithoutHttpsCertificate();
#pragma warning restore ASPIRECERTIFICATES001
        return airflow.WithCeleryBroker(broker.Resource);
    }

    /// <summary>CeleryExecutor with RabbitMQ as the broker; results go to the metadata database.</summary>
    public static IResourceBuilder<AirflowResource> WithCeleryExecutor(this IResourceBuilder<AirflowResource> airflow, IResourceBuilder<RabbitMQServerResource> broker)
    {
        ArgumentNullException.ThrowIfNull(broker);
        return airflow.WithCeleryBroker(broker.Resource);
    }

    /// <summary>KubernetesExecutor: one pod per task in <see cref="KubernetesExecutorOptions.Namespace"/>.</summary>
    public static IResourceBuilder<AirflowResource> WithKubernetesExecutor(this IResourceBuilder<AirflowResource> airflow, KubernetesExecutorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(airflow);
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

        airflow.Resource.Executor = AirflowExecutor.Kubernetes;
        airflow.Resource.Broker = null;
        airflow.Resource.KubernetesExecutor = options;
        return airflow.Sync();
    }

    /// <summary>
    /// How many Celery workers run: in a published deployment, replicas of <c>{name}-worker</c>; in a local run,
    /// <c>{name}-worker</c>, <c>{name}-worker-2</c> and on, each a container of its own.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithWorkers(this IResourceBuilder<AirflowResource> airflow, int count)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        if (count < 1)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Resource.Name}' was given {count} Celery workers; use at least 1, WithKedaAutoscaling(0, n) to scale to zero, " +
                "or WithLocalExecutor() to run tasks without Celery.");
        }

        airflow.Resource.RequestedWorkers = count;
        return airflow.Sync();
    }

    /// <summary>Celery's monitoring UI, <c>{name}-flower</c>.</summary>
    public static IResourceBuilder<AirflowResource> WithFlower(this IResourceBuilder<AirflowResource> airflow)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        airflow.Resource.HasFlower = true;
        return airflow.Sync();
    }

    /// <summary>The triggerer, <c>{name}-triggerer</c>, which runs deferred tasks' triggers.</summary>
    public static IResourceBuilder<AirflowResource> WithTriggerer(this IResourceBuilder<AirflowResource> airflow)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        airflow.Resource.HasTriggerer = true;
        return airflow.Sync();
    }

    /// <summary>Airflow 2 only: parse DAGs in a separate dag-processor (Airflow 3 always does).</summary>
    public static IResourceBuilder<AirflowResource> WithStandaloneDagProcessor(this IResourceBuilder<AirflowResource> airflow)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        airflow.Resource.HasStandaloneDagProcessor = true;
        return airflow.Sync();
    }

    /// <summary>
    /// Mounts a DAG folder of the host (relative to the AppHost project) read-only at /opt/airflow/dags. A local run
    /// also shows the folder as <c>{name}-dags</c>, healthy while DagPackager's checks find nothing wrong in it.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithDags(this IResourceBuilder<AirflowResource> airflow, string path)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(Path.Combine(airflow.ApplicationBuilder.AppHostDirectory, path));
        if (!Directory.Exists(fullPath))
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Resource.Name}': the DAG folder '{path}' (resolved to {fullPath}) does not exist. " +
                "Create it, or give WithDags a path relative to the AppHost project.");
        }

        airflow.Resource.DagsPath = fullPath;
        AirflowAspire.Hosting.Airflow.Dags.AirflowDagsSetup.AddOrUpdate(airflow, fullPath);
        return airflow.Sync();
    }

    /// <summary>
    /// Runs another image, e.g. one DagPackager baked the DAGs into. Say which Airflow it holds with
    /// WithVersion when it is not the default version. Wins over a <c>dags.lock.json</c> beside the AppHost.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithImage(this IResourceBuilder<AirflowResource> airflow, string image, string? tag = null)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        if (airflow.Resource.Annotations.OfType<AirflowDagImageLockAnnotation>().LastOrDefault() is { IsExplicit: true } explicitLock)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Resource.Name}' sets both WithImage(\"{image}\") and WithDagImageLock(\"{explicitLock.Path}\"); keep one.");
        }

        var parsed = ImageReference.Parse(image, airflow.Resource.Name);
        if (tag is not null)
        {
            ImageReference.ThrowIfInvalidTag(tag, airflow.Resource.Name);
        }

        foreach (var implicitLock in airflow.Resource.Annotations.OfType<AirflowDagImageLockAnnotation>().ToList())
        {
            airflow.Resource.Annotations.Remove(implicitLock);
        }

        airflow.Resource.Image = new AirflowImage(parsed.Registry, parsed.Image, tag ?? parsed.Tag ?? "latest");
        airflow.Resource.HasCustomImage = true;
        return airflow.Sync();
    }

    /// <summary>The Airflow version, e.g. "2.11.0"; also the official image's tag unless another image was chosen.</summary>
    public static IResourceBuilder<AirflowResource> WithVersion(this IResourceBuilder<AirflowResource> airflow, string version)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        ImageReference.ThrowIfInvalidTag(version, airflow.Resource.Name);
        var parsed = AirflowVersion.Parse(version, airflow.Resource.Name);
        foreach (var entry in airflow.Resource.ConfigOverrides)
        {
            AirflowConfigCatalog.ThrowIfUnknown(entry.Section, entry.Option, parsed, airflow.Resource.Name);
        }

        airflow.Resource.Version = parsed;
        if (!airflow.Resource.HasCustomImage)
        {
            airflow.Resource.Image = AirflowImage.Official(version);
        }

        return airflow.Sync();
    }

    /// <summary>Sets <c>[section] option</c>; fails at once when the option does not exist in this Airflow version.</summary>
    public static IResourceBuilder<AirflowResource> WithConfig(this IResourceBuilder<AirflowResource> airflow, string section, string option, string value) =>
        airflow.WithConfig(section, option, ReferenceExpression.Create($"{value}"));

    /// <summary>Sets <c>[section] option</c> to a value that refers to other resources or parameters.</summary>
    public static IResourceBuilder<AirflowResource> WithConfig(this IResourceBuilder<AirflowResource> airflow, string section, string option, ReferenceExpression value)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        ArgumentNullException.ThrowIfNull(value);
        if (string.IsNullOrWhiteSpace(section) || string.IsNullOrWhiteSpace(option) || (section + option).Contains("__", StringComparison.Ordinal))
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Resource.Name}': WithConfig needs a section and an option name, e.g. WithConfig(\"core\", \"parallelism\", \"64\").");
        }

        AirflowConfigCatalog.ThrowIfUnknown(section, option, airflow.Resource.Version, airflow.Resource.Name);
        airflow.Resource.AddConfig(new AirflowConfigOverride(section.ToLowerInvariant(), option.ToLowerInvariant(), value));
        return airflow;
    }

    /// <summary>The first admin user's name; its password is the generated <c>{name}-admin-password</c> parameter.</summary>
    public static IResourceBuilder<AirflowResource> WithAdminUser(this IResourceBuilder<AirflowResource> airflow, string userName)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        if (string.IsNullOrWhiteSpace(userName) || userName.Any(char.IsWhiteSpace))
        {
            throw new DistributedApplicationException($"Airflow '{airflow.Resource.Name}': the admin user name '{userName}' must be one word.");
        }

        airflow.Resource.AdminUserName = userName;
        return airflow;
    }

    /// <summary>Changes one component's container, now or when the settings add it: environment, a host port, resources.</summary>
    public static IResourceBuilder<AirflowResource> WithComponent(
        this IResourceBuilder<AirflowResource> airflow, AirflowRole role, Action<IResourceBuilder<AirflowComponentResource>> configure)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        ArgumentNullException.ThrowIfNull(configure);
        airflow.Resource.AddCustomization(role, configure);
        var existing = airflow.Resource.Components.Values.Concat(airflow.Resource.AdditionalLocalWorkers).Where(c => c.Role == role);
        foreach (var component in existing)
        {
            configure(airflow.ApplicationBuilder.CreateResourceBuilder(component));
        }

        return airflow;
    }

    private static IResourceBuilder<AirflowResource> WithCeleryBroker(this IResourceBuilder<AirflowResource> airflow, IResourceWithConnectionString broker)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        airflow.Resource.Executor = AirflowExecutor.Celery;
        airflow.Resource.Broker = broker;
        airflow.Resource.KubernetesExecutor = null;
        return airflow.WithReferenceRelationship(broker).Sync();
    }

    internal static IResourceBuilder<AirflowResource> Sync(this IResourceBuilder<AirflowResource> airflow)
    {
        AirflowComponentSet.Sync(airflow.ApplicationBuilder, airflow.Resource);
        return airflow;
    }

    /// <summary>A generated secret of letters and digits, so it needs no escaping in a URL, a shell or an env file.</summary>
    private static ParameterResource AddSecret(IDistributedApplicationBuilder builder, string name, int length) =>
        builder.AddParameter(name, new GenerateParameterDefault { MinLength = length, Special = false }, secret: true, persist: true).Resource;
}

using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Integrations.Airflow;

/// <summary>
/// Turns an Airflow resource's settings into its parts at Build(): the generated secrets and one container
/// per component, each waiting for what it needs, the way the official compose file orders them.
/// </summary>
internal static class AirflowTopology
{
    public static void Materialize(IDistributedApplicationBuilder builder, AirflowResource airflow)
    {
        if (AirflowDagDelivery.FromConfiguration(builder.Configuration.GetSection($"Airflow:{airflow.Name}")) is { } configured)
        {
            configured.ThrowIfInvalid(airflow.Name);
            airflow.SetDagDelivery(configured);
        }

        AirflowDagImageLock.Apply(builder, airflow);
        Validate(airflow);
        var secrets = AddSecrets(builder, airflow);
        airflow.Secrets = secrets;

        var roles = Roles(airflow).ToList();
        var specs = roles.Select(role => AirflowComponents.Get(role, airflow.Version)).ToList();
        var containers = specs.ToDictionary(spec => spec.Role, spec => builder.AddResource(new ContainerResource($"{airflow.Name}-{spec.NameSuffix}")));
        foreach (var (role, container) in containers)
        {
            airflow.AddComponent(role, container.Resource);
        }

        foreach (var spec in specs)
        {
            Configure(builder, airflow, secrets, spec, containers);
        }

        airflow.MarkMaterialized();
    }

    private static void Validate(AirflowResource airflow)
    {
        if (airflow.Database is null && airflow.ExternalDatabase is null)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Name}' has no metadata database: add one with " +
                $".WithDatabase(builder.AddPostgres(\"postgres\").AddDatabase(\"{airflow.Name}-db\")).");
        }

        if (airflow.Executor != AirflowExecutor.Celery && airflow.RequestedWorkers is not null)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Name}' sets WithWorkers({airflow.Workers}) but uses the {airflow.Executor}Executor; " +
                "Celery workers need WithCeleryExecutor(redis or rabbitmq).");
        }

        if (airflow.Executor != AirflowExecutor.Celery && airflow.HasFlower)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Name}' asks for Flower but uses the {airflow.Executor}Executor; Flower monitors Celery, so use WithCeleryExecutor(...) or drop WithFlower().");
        }

        if (airflow.Executor != AirflowExecutor.Celery && airflow.WorkerAutoscaling is not null)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Name}' autoscales Celery workers but uses the {airflow.Executor}Executor; use WithCeleryExecutor(...) or drop the autoscaling.");
        }

        if (airflow.IsStandalonePod && (airflow.Executor != AirflowExecutor.Local || airflow.Database is null))
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Name}' is published as a standalone pod, which holds the LocalExecutor and its own Postgres; " +
                "use WithLocalExecutor() and WithDatabase(builder.AddPostgres(...).AddDatabase(...)), or drop PublishAsStandalonePod().");
        }

        airflow.DagDelivery.ThrowIfInvalid(airflow.Name);
    }

    private static AirflowSecrets AddSecrets(IDistributedApplicationBuilder builder, AirflowResource airflow) => new(
        FernetKeySeed: builder.AddGeneratedSecret($"{airflow.Name}-fernet-key-seed", 32).Resource,
        JwtSecret: airflow.Version.IsAirflow3 ? builder.AddGeneratedSecret($"{airflow.Name}-jwt-secret", 32).Resource : null,
        SecretKey: builder.AddGeneratedSecret($"{airflow.Name}-secret-key", 32).Resource,
        AdminPassword: builder.AddGeneratedSecret($"{airflow.Name}-admin-password", 16).Resource);

    private static IEnumerable<AirflowRole> Roles(AirflowResource airflow)
    {
        yield return AirflowRole.Init;
        yield return airflow.Version.IsAirflow3 ? AirflowRole.ApiServer : AirflowRole.Webserver;
        yield return AirflowRole.Scheduler;
        if (airflow.Version.IsAirflow3 || airflow.HasStandaloneDagProcessor)
        {
            yield return AirflowRole.DagProcessor;
        }

        if (airflow.HasTriggerer)
        {
            yield return AirflowRole.Triggerer;
        }

        if (airflow.Executor == AirflowExecutor.Celery)
        {
            yield return AirflowRole.Worker;
        }

        if (airflow.HasFlower)
        {
            yield return AirflowRole.Flower;
        }
    }

    private static void Configure(
        IDistributedApplicationBuilder builder,
        AirflowResource airflow,
        AirflowSecrets secrets,
        AirflowComponentSpec spec,
        Dictionary<AirflowRole, IResourceBuilder<ContainerResource>> containers)
    {
        var container = containers[spec.Role];
        var isWeb = spec.Role is AirflowRole.ApiServer or AirflowRole.Webserver;
        container.WithAnnotation(airflow.Image)
            .WithAnnotation(new ResourceRelationshipAnnotation(airflow, ResourceRelationshipAnnotation.Parent))
            .WithAnnotation(AirflowLocalProcess.For(airflow, spec))
            .WithArgs([.. spec.Args])
            .WithEnvironment(context =>
            {
                AirflowEnvironment.Apply(airflow, secrets, context.EnvironmentVariables);
                AddRoleEnvironment(airflow, secrets, spec.Role, context.EnvironmentVariables);
            });

        if (spec.HttpPort is { } port)
        {
            container.WithHttpEndpoint(port, isWeb ? airflow.ApiServerPort : null, isExternal: isWeb);
        }

        if (spec.HealthCheck is { } check)
        {
            container.WithAnnotation(check);
        }

        var resources = spec.Resources;
        container.WithComputeResources(resources.CpuRequest, resources.MemoryRequest, resources.CpuLimit, resources.MemoryLimit);

        AddMounts(airflow, container);
        AddWaits(builder, airflow, spec.Role, container, containers);

        if (spec.Role == AirflowRole.Init)
        {
            container.AsRunOnce();
        }

        if (spec.Role == AirflowRole.Worker)
        {
            container.WithReplicas(airflow.Workers);
        }

        foreach (var (_, configure) in airflow.ComponentCustomizations.Where(c => c.Role == spec.Role))
        {
            configure(container);
        }
    }

    private static void AddRoleEnvironment(AirflowResource airflow, AirflowSecrets secrets, AirflowRole role, IDictionary<string, ReferenceExpression> env)
    {
        switch (role)
        {
            case AirflowRole.Init:
                // The official image's entrypoint migrates the database and creates this user (idempotently).
                env["_AIRFLOW_DB_MIGRATE"] = "true";
                env["_AIRFLOW_WWW_USER_CREATE"] = "true";
                env["_AIRFLOW_WWW_USER_USERNAME"] = airflow.AdminUserName;
                env["_AIRFLOW_WWW_USER_PASSWORD"] = ReferenceExpression.Of(secrets.AdminPassword);
                break;
            case AirflowRole.Worker:
                // Lets Celery finish running tasks on SIGTERM (warm shutdown) instead of dumb-init killing the group.
                env["DUMB_INIT_SETSID"] = "0";
                break;
        }

        if (!airflow.Version.IsAirflow3 && airflow.HasStandaloneDagProcessor)
        {
            env["AIRFLOW__SCHEDULER__STANDALONE_DAG_PROCESSOR"] = "true";
        }
    }

    private static void AddMounts(AirflowResource airflow, IResourceBuilder<ContainerResource> container)
    {
        if (airflow.DagsPath is { } dags)
        {
            container.WithAnnotation(new ContainerMountAnnotation(dags, "/opt/airflow/dags", ContainerMountType.BindMount, IsReadOnly: true));
        }

        if (airflow.KubernetesExecutor?.PodTemplateFile is { } template)
        {
            container.WithAnnotation(new ContainerMountAnnotation(
                template, KubernetesExecutorOptions.PodTemplateMountPath, ContainerMountType.BindMount, IsReadOnly: true));
        }
    }

    private static void AddWaits(
        IDistributedApplicationBuilder builder,
        AirflowResource airflow,
        AirflowRole role,
        IResourceBuilder<ContainerResource> container,
        Dictionary<AirflowRole, IResourceBuilder<ContainerResource>> containers)
    {
        if (airflow.Database is { } database)
        {
            container.WaitFor(builder.CreateResourceBuilder<IResource>(database));
        }

        if (airflow.Broker is { } broker)
        {
            container.WaitFor(builder.CreateResourceBuilder<IResource>(broker));
        }

        if (role == AirflowRole.Init)
        {
            return;
        }

        container.WaitForCompletion(containers[AirflowRole.Init]);
        if (role == AirflowRole.Worker && containers.TryGetValue(AirflowRole.ApiServer, out var api))
        {
            container.WaitFor(api);
        }
    }
}

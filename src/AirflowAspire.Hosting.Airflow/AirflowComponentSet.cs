namespace AirflowAspire.Hosting.Airflow;

/// <summary>
/// Keeps an Airflow resource's component containers in step with its settings. Every WithX that changes what
/// runs calls <see cref="Sync"/>: it adds the components the settings need, removes those they no longer need,
/// and renews what each component gets from the settings (image, mounts, waits, replicas). Environment and
/// arguments are callbacks that read the settings when Aspire asks, so they need no renewing.
/// </summary>
internal static class AirflowComponentSet
{
    public static void Sync(IDistributedApplicationBuilder builder, AirflowResource airflow)
    {
        SyncSecrets(builder, airflow);
        var roles = AirflowComponents.RolesOf(airflow).ToList();
        foreach (var (role, component) in airflow.Components.Where(c => !roles.Contains(c.Key)).ToList())
        {
            builder.Resources.Remove(component);
            airflow.RemoveComponent(role);
        }

        foreach (var role in roles.Where(r => !airflow.Components.ContainsKey(r)))
        {
            airflow.SetComponent(role, Add(builder, airflow, AirflowComponents.Get(role), $"{airflow.Name}-{AirflowComponents.Get(role).NameSuffix}"));
        }

        SyncLocalWorkers(builder, airflow);
        foreach (var component in airflow.Components.Values.Concat(airflow.AdditionalLocalWorkers))
        {
            Renew(builder, airflow, component);
        }
    }

    /// <summary>In a local run, one container resource per further Celery worker (see <see cref="AirflowResource.AdditionalLocalWorkers"/>).</summary>
    private static void SyncLocalWorkers(IDistributedApplicationBuilder builder, AirflowResource airflow)
    {
        var wanted = builder.ExecutionContext.IsRunMode && airflow.Components.ContainsKey(AirflowRole.Worker) ? airflow.Workers - 1 : 0;
        foreach (var surplus in airflow.AdditionalLocalWorkers.Skip(wanted).ToList())
        {
            builder.Resources.Remove(surplus);
            airflow.RemoveLocalWorker(surplus);
        }

        var spec = AirflowComponents.Get(AirflowRole.Worker);
        for (var number = airflow.AdditionalLocalWorkers.Count + 2; number <= wanted + 1; number++)
        {
            airflow.AddLocalWorker(Add(builder, airflow, spec, $"{airflow.Name}-worker-{number}"));
        }
    }

    /// <summary>Airflow 2 has no JWT secret: keep its parameter out of the model (and so out of every published file).</summary>
    private static void SyncSecrets(IDistributedApplicationBuilder builder, AirflowResource airflow)
    {
        var jwt = airflow.Secrets.JwtSecret;
        var present = builder.Resources.Contains(jwt);
        if (airflow.Version.IsAirflow3 && !present)
        {
            builder.Resources.Add(jwt);
        }
        else if (!airflow.Version.IsAirflow3 && present)
        {
            builder.Resources.Remove(jwt);
        }
    }

    private static AirflowComponentResource Add(IDistributedApplicationBuilder builder, AirflowResource airflow, AirflowComponentSpec spec, string name)
    {
        var component = builder.AddResource(new AirflowComponentResource(name, spec.Role, airflow))
            .WithAnnotation(new AirflowComponentAnnotation(spec))
            .WithIconName(spec.IsUserFacing ? "Globe" : "WindowConsole")
            .WithArgs(context =>
            {
                foreach (var arg in spec.Role == AirflowRole.Init ? AirflowPools.InitArgs(airflow) : spec.Args)
                {
                    context.Args.Add(arg);
                }
            })
            .WithEnvironment(context => AirflowEnvironment.Apply(airflow, spec.Role, context.EnvironmentVariables))
            .WithAnnotation(spec.Resources);

        if (spec.HttpPort is { } port)
        {
            component.WithHttpEndpoint(
                port: spec.Role is AirflowRole.ApiServer or AirflowRole.Webserver ? airflow.ApiServerPort : null,
                targetPort: port,
                name: AirflowComponentResource.HttpEndpointName);
            if (spec.IsUserFacing)
            {
                component.WithExternalHttpEndpoints();
            }
            else
            {
                // A health or log server: nothing for a person to open.
                component.WithUrlForEndpoint(AirflowComponentResource.HttpEndpointName, url => url.DisplayLocation = UrlDisplayLocation.DetailsOnly);
            }
        }

        AirflowHealthChecks.Add(builder, component, spec);

        foreach (var (_, configure) in airflow.Customizations.Where(c => c.Role == spec.Role))
        {
            configure(component);
        }

        return component.Resource;
    }

    /// <summary>Replaces the annotations a component gets from the Airflow settings with ones for the current settings.</summary>
    private static void Renew(IDistributedApplicationBuilder builder, AirflowResource airflow, AirflowComponentResource component)
    {
        var owned = component.Annotations.OfType<AirflowOwnedAnnotations>().SingleOrDefault();
        if (owned is null)
        {
            owned = new AirflowOwnedAnnotations();
            component.Annotations.Add(owned);
        }

        foreach (var annotation in owned.Items)
        {
            component.Annotations.Remove(annotation);
        }

        owned.Items.Clear();
        void Own(IResourceAnnotation annotation)
        {
            owned.Items.Add(annotation);
            component.Annotations.Add(annotation);
        }

        var image = airflow.Image;
        Own(new ContainerImageAnnotation { Registry = image.Registry, Image = image.Image, Tag = image.Tag });

        if (airflow.DagsPath is { } dags)
        {
            Own(new ContainerMountAnnotation(dags, AirflowClusterFacts.DagsPath, ContainerMountType.BindMount, isReadOnly: true));
        }

        if (airflow.KubernetesExecutor?.PodTemplateFile is { } template)
        {
            Own(new ContainerMountAnnotation(template, KubernetesExecutorOptions.PodTemplateMountPath, ContainerMountType.BindMount, isReadOnly: true));
        }

        if (component.Role == AirflowRole.Worker && builder.ExecutionContext.IsPublishMode)
        {
            Own(new ReplicaAnnotation(airflow.Workers));
        }

        foreach (var dependency in Dependencies(airflow))
        {
            Own(new WaitAnnotation(dependency, WaitType.WaitUntilHealthy));
            Own(new ResourceRelationshipAnnotation(dependency, "Reference"));
        }

        if (component.Role == AirflowRole.Init)
        {
            return;
        }

        Own(new WaitAnnotation(airflow.Components[AirflowRole.Init], WaitType.WaitForCompletion, exitCode: 0));
        if (component.Role == AirflowRole.Worker)
        {
            // Tasks report to the execution API (Airflow 3) or the webserver serves their logs: start once it answers.
            Own(new WaitAnnotation(airflow.WebComponent, WaitType.WaitUntilHealthy));
        }
    }

    /// <summary>What every component waits for: the metadata database, the Celery broker and what connections reach, when the model runs them.</summary>
    private static IEnumerable<IResource> Dependencies(AirflowResource airflow)
    {
        if (airflow.Database is { } database)
        {
            yield return database;
        }

        if (airflow.Executor == AirflowExecutor.Celery && airflow.Broker is { } broker)
        {
            yield return broker;
        }

        foreach (var resource in airflow.Connections.Select(c => c.Resource).OfType<IResource>().Distinct())
        {
            if (resource != airflow.Database && resource != airflow.Broker)
            {
                yield return resource;
            }
        }
    }
}

/// <summary>The facts of a component's role, for publishers: its command, port, health check and default resources.</summary>
internal sealed record AirflowComponentAnnotation(AirflowComponentSpec Spec) : IResourceAnnotation;

/// <summary>The annotations a component got from its Airflow settings, replaced whenever the settings change.</summary>
internal sealed class AirflowOwnedAnnotations : IResourceAnnotation
{
    public List<IResourceAnnotation> Items { get; } = [];
}

using AirflowAspire.Hosting.Airflow;
using AirflowAspire.Hosting.Publishing;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// Renders each Airflow deployment of the model into its own folder of the tree, one file per component as
/// the official Helm chart has one template per component: <c>airflow/config.yaml</c>, <c>migrations.yaml</c>,
/// <c>api-server.yaml</c> (or <c>webserver.yaml</c>), <c>scheduler.yaml</c>, <c>dag-processor.yaml</c>,
/// <c>triggerer.yaml</c>, <c>workers.yaml</c>, <c>flower.yaml</c>, <c>rbac.yaml</c>, <c>pod-template.yaml</c>,
/// <c>volumes.yaml</c>; or <c>standalone.yaml</c> for a deployment published as one pod.
/// </summary>
internal sealed class AirflowKubernetesTemplate : IKubernetesTemplate
{
    /// <summary>Every Airflow component container, and the Postgres server that a standalone pod holds.</summary>
    public IEnumerable<IResource> Claims(KubernetesContext context)
    {
        foreach (var airflow in context.Model.Resources.OfType<AirflowResource>())
        {
            foreach (var component in airflow.Components.Values)
            {
                yield return component;
            }

            if (airflow.IsStandalonePod && airflow.Database is { } database)
            {
                yield return database.Parent;
            }
        }
    }

    /// <summary>The Airflow UI: the API server's Service (the webserver's on Airflow 2), or the Ingress in front of it.</summary>
    public KubernetesUi Ui { get; } = new("The Airflow UI", [AirflowComponents.Get(AirflowRole.ApiServer).NameSuffix, AirflowComponents.Get(AirflowRole.Webserver).NameSuffix]);

    /// <summary>The KubernetesExecutor's task namespace (<see cref="AirflowNamespace"/>).</summary>
    public string? RequiredNamespace(DistributedApplicationModel model, string? requested) => AirflowNamespace.Required(model, requested);

    /// <summary>Every Airflow component starts after the migration Job; Postgres and the broker go before it.</summary>
    public IEnumerable<IResource> StartedAfterJobs(DistributedApplicationModel model) =>
        model.Resources.Where(r => r is AirflowResource or AirflowComponentResource);

    /// <summary>A deployment that expects its DAGs in its image but runs the stock image, which holds none.</summary>
    public IEnumerable<string> PublishNotes(DistributedApplicationModel model) =>
        model.Resources.OfType<AirflowResource>()
            .Where(airflow => airflow.DagDelivery is AirflowDagDelivery.BakedDelivery && !airflow.HasCustomImage)
            .Select(airflow =>
                $"Airflow '{airflow.Name}' expects its DAGs baked into its image, but runs {airflow.Image.Reference}, which holds none. " +
                "Bake them with `dotnet run --project DagPackager -- build` and `release`, or deliver them with git-sync or a volume (WithDagDelivery).");

    public IEnumerable<KubernetesFile> Render(KubernetesContext context)
    {
        var files = new List<KubernetesFile>();
        foreach (var airflow in context.Model.Resources.OfType<AirflowResource>())
        {
            files.AddRange(Render(new AirflowCluster(airflow, context)));
        }

        return files;
    }

    private static IEnumerable<KubernetesFile> Render(AirflowCluster cluster)
    {
        var airflow = cluster.Airflow;
        airflow.DagDelivery.ThrowIfInvalid(airflow.Name);
        var files = new List<KubernetesFile?> { AirflowConfig.Render(cluster), AirflowRbac.Render(cluster), AirflowVolumes.Render(cluster) };
        if (airflow.IsStandalonePod)
        {
            files.Add(AirflowStandalonePod.Render(cluster));
            return files.OfType<KubernetesFile>();
        }

        // The pod template comes before the scheduler, whose pods carry its checksum.
        files.Add(AirflowPodTemplateFile.Render(cluster));
        files.Add(AirflowMigrations.Render(cluster));
        files.Add(AirflowApiServer.Render(cluster));
        files.Add(AirflowScheduler.Render(cluster));
        if (airflow.Components.ContainsKey(AirflowRole.DagProcessor))
        {
            files.Add(AirflowDagProcessor.Render(cluster));
        }

        if (airflow.Components.ContainsKey(AirflowRole.Triggerer))
        {
            files.Add(AirflowTriggerer.Render(cluster));
        }

        if (airflow.Components.ContainsKey(AirflowRole.Worker))
        {
            files.Add(AirflowWorkers.Render(cluster));
        }

        if (airflow.Components.ContainsKey(AirflowRole.Flower))
        {
            files.Add(AirflowFlower.Render(cluster));
        }

        return files.OfType<KubernetesFile>();
    }

    /// <summary>
    /// <c>plan-upgrade-{name}</c>: what deploying a new Airflow release or image would do; <c>rollback-{name}</c>: back to
    /// the release before the last change, with its database.
    /// </summary>
    public IEnumerable<EnvironmentStep> Steps(KustomizeEnvironmentResource environment) =>
        [AirflowUpgradePlanStep.Step(environment), AirflowRollbackStep.Step(environment)];

    /// <summary>A database snapshot before a release or image change migrates it.</summary>
    public Task<IReadOnlyList<DatabaseSnapshot>> BeforeJobsAsync(DeployBeforeJobs deploy, CancellationToken cancellationToken) =>
        new AirflowSnapshots(deploy.Api, deploy.Report, deploy.Switches).TakeAsync(deploy.Objects, deploy.Target, deploy.Model, cancellationToken);

    /// <summary>A rollback restores each Airflow's database from the snapshot taken before the change it undoes.</summary>
    public Task<IReadOnlyList<string>> RestoreAsync(DeployRestore restore, CancellationToken cancellationToken) =>
        new AirflowRestore(restore).RunAsync(cancellationToken);
}

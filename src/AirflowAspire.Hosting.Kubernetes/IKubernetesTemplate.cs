using AirflowAspire.Hosting.Publishing;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Renders part of the model into files of the tree, and tells the publisher and deploy what only it knows of
/// that part. Templates only read the model; the renderer asks each which resources it renders, so every
/// container is rendered exactly once.
/// </summary>
internal interface IKubernetesTemplate
{
    /// <summary>The resources this template renders; the generic container template renders the rest.</summary>
    IEnumerable<IResource> Claims(KubernetesContext context);

    IEnumerable<KubernetesFile> Render(KubernetesContext context);

    /// <summary>
    /// The namespace this template's resources must be deployed to, or null when any will do. Throws, naming the
    /// resources and the fix, when they require several, or when <paramref name="requested"/> (<c>--namespace</c>) is another.
    /// </summary>
    string? RequiredNamespace(DistributedApplicationModel model, string? requested) => null;

    /// <summary>
    /// The resources whose workloads deploy applies only once the run-once Jobs (e.g. migrations) are done; the
    /// other workloads are servers, which those Jobs may need, and go before them.
    /// </summary>
    IEnumerable<IResource> StartedAfterJobs(DistributedApplicationModel model) => [];

    /// <summary>What the user should know of the model before applying the tree, said once by the publish step.</summary>
    IEnumerable<string> PublishNotes(DistributedApplicationModel model) => [];

    /// <summary>The web UI deploy says how to reach once it is done, or null.</summary>
    KubernetesUi? Ui => null;

    /// <summary>Pipeline steps of its own the environment offers besides publish, deploy and destroy (e.g. an upgrade plan).</summary>
    IEnumerable<EnvironmentStep> Steps(KustomizeEnvironmentResource environment) => [];

    /// <summary>
    /// What deploy does once the objects passed their dry run and before the run-once Jobs (migrations) go, over what
    /// an earlier deploy left running, e.g. a database snapshot before a version change; the snapshots it took.
    /// </summary>
    Task<IReadOnlyList<DatabaseSnapshot>> BeforeJobsAsync(DeployBeforeJobs deploy, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DatabaseSnapshot>>([]);

    /// <summary>
    /// What a rollback does before it applies the saved objects again: stops what writes to the data the point's snapshots
    /// hold and restores that data from them; one line per restore, for the report (e.g. <c>Airflow 3.1.0: database
    /// restored from ...</c>). Throws when a restore fails, so nothing more is rolled back.
    /// </summary>
    Task<IReadOnlyList<string>> RestoreAsync(DeployRestore restore, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}

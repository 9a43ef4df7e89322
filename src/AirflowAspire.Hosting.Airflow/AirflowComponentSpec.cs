namespace AirflowAspire.Hosting.Airflow;

/// <summary>How a component's health is told: an HTTP GET of its endpoint, or a shell command run inside its container.</summary>
internal abstract record AirflowHealthCheck
{
    public sealed record Http(string Path) : AirflowHealthCheck;

    public sealed record Command(string ShellCommand) : AirflowHealthCheck;
}

/// <summary>
/// What one component runs and how its health is checked: the facts of the official docker-compose file,
/// as data that the local run, the manifest, Kubernetes and compose all read.
/// </summary>
/// <param name="Role">The component.</param>
/// <param name="NameSuffix">Appended to the Airflow resource's name: <c>airflow-scheduler</c>.</param>
/// <param name="Args">The arguments given to the image's entrypoint (which prefixes <c>airflow</c>).</param>
/// <param name="HttpPort">The port of its web server (UI, health or log server), if it has one.</param>
/// <param name="HealthCheck">How to tell that it is healthy in a local run; null for the run-once init.</param>
/// <param name="Resources">CPU and memory it gets in a cluster unless WithComponent sets others.</param>
internal sealed record AirflowComponentSpec(
    AirflowRole Role,
    string NameSuffix,
    IReadOnlyList<string> Args,
    int? HttpPort,
    AirflowHealthCheck? HealthCheck,
    ComputeResourcesAnnotation Resources)
{
    /// <summary>Whether the component's endpoint is meant for people (a UI), so it is shown and exposed.</summary>
    public bool IsUserFacing => Role is AirflowRole.ApiServer or AirflowRole.Webserver or AirflowRole.Flower;
}

namespace AirflowAspire.Hosting.Airflow.LocalFallback;

/// <summary>
/// An Airflow component run as a process of the machine's <c>airflow</c>, standing in for the
/// <see cref="AirflowComponentResource"/> container of the same name when no container runtime answers.
/// Its web server (UI, health or log server), when it has one, listens on the unproxied endpoint <c>http</c>.
/// </summary>
public sealed class LocalAirflowComponentResource(string name, string command, string workingDirectory, AirflowRole role, AirflowResource parent)
    : ExecutableResource(name, command, workingDirectory), IResourceWithParent<AirflowResource>
{
    public AirflowRole Role { get; } = role;

    public AirflowResource Parent { get; } = parent;

    /// <summary>The web server's endpoint; only components with a web server have it.</summary>
    public EndpointReference HttpEndpoint => new(this, AirflowComponentResource.HttpEndpointName);
}

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// One Airflow component (scheduler, API server, worker, ...) as a container of the official image, nested
/// under its <see cref="AirflowResource"/> in the dashboard.
/// </summary>
public sealed class AirflowComponentResource(string name, AirflowRole role, AirflowResource parent)
    : ContainerResource(name), IResourceWithParent<AirflowResource>
{
    /// <summary>The name of the endpoint of the component's web server (UI, health or log server).</summary>
    public const string HttpEndpointName = "http";

    public AirflowRole Role { get; } = role;

    public AirflowResource Parent { get; } = parent;
}

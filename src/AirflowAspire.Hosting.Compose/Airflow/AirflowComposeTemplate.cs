using AirflowAspire.Hosting.Airflow;

namespace AirflowAspire.Hosting.Compose.Airflow;

/// <summary>
/// Airflow's components as the official Airflow compose file runs them: its health checks (<c>curl --fail</c> of a
/// component's web server, or its shell command), and the init, which runs once.
/// </summary>
internal sealed class AirflowComposeTemplate : IComposeTemplate
{
    private static readonly TimeSpan Seconds10 = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Seconds30 = TimeSpan.FromSeconds(30);

    public ComposeHealthCheck? HealthCheck(ContainerResource container)
    {
        var spec = (container as AirflowComponentResource)?.Annotations.OfType<AirflowComponentAnnotation>().LastOrDefault()?.Spec;
        return spec?.HealthCheck switch
        {
            AirflowHealthCheck.Http http when spec.HttpPort is { } port =>
                ComposeHealthCheck.Command(Seconds30, Seconds10, 5, Seconds30, "curl", "--fail", $"http://localhost:{port}{http.Path}"),
            AirflowHealthCheck.Command command => ComposeHealthCheck.Shell(Seconds30, Seconds10, 5, Seconds30, command.ShellCommand),
            _ => null,
        };
    }

    public bool RunsOnce(ContainerResource container) => container is AirflowComponentResource { Role: AirflowRole.Init };
}

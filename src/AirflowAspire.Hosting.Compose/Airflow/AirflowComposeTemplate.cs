using AirflowAspire.Hosting.Airflow;
using AirflowAspire.Hosting.Publishing;

namespace AirflowAspire.Hosting.Compose.Airflow;

/// <summary>
/// Airflow's components as the official Airflow compose file runs them: its health checks (<c>curl --fail</c> of a
/// component's web server, or its shell command), and the init, which runs once; each component labelled with its
/// release, and the step <c>plan-upgrade-{name}</c>.
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

    /// <summary>The Airflow release each component was published for, which an upgrade plan reads back from its containers.</summary>
    public IEnumerable<KeyValuePair<string, string>> Labels(ContainerResource container) =>
        container is AirflowComponentResource component
            ? [new(AirflowUpgradeNotes.VersionLabel, component.Parent.Version.ToString())]
            : [];

    public IEnumerable<EnvironmentStep> Steps(ComposeEnvironmentResource environment) => [AirflowComposeUpgradePlanStep.Step(environment)];
}

namespace AirflowAspire.Hosting.Orchestration.Containers;

/// <summary>
/// The labels every container, network and volume of a run carries, so a later run (or --reset) finds
/// what belongs to an app even when the AppHost that made it was killed.
/// </summary>
public static class ContainerLabels
{
    public const string Application = "airflowaspire.app";
    public const string Session = "airflowaspire.session";
    public const string Resource = "airflowaspire.resource";
    public const string Instance = "airflowaspire.instance";

    /// <summary>A <c>--filter</c> value that matches what belongs to <paramref name="applicationName"/>.</summary>
    public static string ApplicationFilter(string applicationName) => $"label={Application}={applicationName}";

    /// <summary>The container name of one replica: unique per app, readable in <c>docker ps</c>.</summary>
    public static string ContainerName(string applicationName, string instanceName) => $"{applicationName}-{instanceName}";
}

using AirflowAspire.Hosting.Airflow.Settings;

namespace Aspire.Hosting;

/// <summary>
/// Connections, variables and pools from the Astro CLI's <c>airflow_settings.yaml</c>, as the declarations of
/// <see cref="AirflowConnectionBuilderExtensions"/>.
/// </summary>
public static class AirflowSettingsFileBuilderExtensions
{
    /// <summary>
    /// Declares the connections, variables and pools of the Astro CLI settings file at <paramref name="path"/>
    /// (relative to the AppHost's folder), each as the matching WithConnection, WithVariable or WithPool would, with
    /// the same checks. Passwords, and extra fields named as Airflow's secrets are, become secret parameters. A bad
    /// entry is an error naming the file, the line, the field and the fix.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithSettingsFile(this IResourceBuilder<AirflowResource> airflow, string path)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path, airflow.ApplicationBuilder.AppHostDirectory);
        SettingsFileDeclarations.Apply(airflow, SettingsFileDocument.Load(path, fullPath));
        return airflow;
    }
}

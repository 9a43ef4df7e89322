using AirflowAspire.Hosting.Airflow.Telemetry;

namespace Aspire.Hosting;

/// <summary>Where Airflow's own metrics and traces go.</summary>
public static class AirflowTelemetryBuilderExtensions
{
    /// <summary>
    /// In a local run, sends every component's metrics and traces (Airflow's <c>[metrics]</c> and <c>[traces]</c>
    /// OpenTelemetry options, OTLP/HTTP) to Aspire's dashboard, each under the component's name; published output
    /// gets none. Aspire reaches a host endpoint from containers through its container network tunnel, a container
    /// it builds from an image it pulls (<c>mcr.microsoft.com/azurelinux/base/core</c>); where that cannot be
    /// pulled, the components cannot be created.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithOpenTelemetry(this IResourceBuilder<AirflowResource> airflow)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        Choose(airflow, new AirflowOpenTelemetryAnnotation(Endpoint: null));
        foreach (var role in Enum.GetValues<AirflowRole>())
        {
            airflow.WithComponent(role, AirflowTelemetry.AddDashboardExporter);
        }

        return airflow;
    }

    /// <summary>
    /// Sends every component's metrics and traces (Airflow's <c>[metrics]</c> and <c>[traces]</c> OpenTelemetry
    /// options) over OTLP/HTTP to a collector, e.g. <c>http://otel-collector:4318</c>, in local runs and published
    /// deployments alike.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithOpenTelemetry(this IResourceBuilder<AirflowResource> airflow, string endpoint)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Resource.Name}': WithOpenTelemetry needs a collector's OTLP/HTTP base URL such as \"http://otel-collector:4318\", " +
                $"not '{endpoint}': http or https, a host and a port, no path (Airflow adds /v1/metrics and /v1/traces itself).");
        }

        Choose(airflow, new AirflowOpenTelemetryAnnotation(uri));
        return airflow;
    }

    private static void Choose(IResourceBuilder<AirflowResource> airflow, AirflowOpenTelemetryAnnotation choice)
    {
        foreach (var existing in airflow.Resource.Annotations.OfType<AirflowOpenTelemetryAnnotation>().ToList())
        {
            airflow.Resource.Annotations.Remove(existing);
        }

        airflow.WithAnnotation(choice);
    }
}

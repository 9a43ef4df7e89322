using AirflowAspire.Hosting.Airflow.Telemetry;

namespace Aspire.Hosting;

/// <summary>Where Airflow's own metrics and traces go.</summary>
public static class AirflowTelemetryBuilderExtensions
{
    /// <summary>
    /// Sends every component's metrics and traces (Airflow's <c>[metrics]</c> and <c>[traces]</c> OpenTelemetry
    /// options) over OTLP/HTTP to a collector, e.g. <c>http://otel-collector:4318</c>, in published deployments
    /// too. Without it, a local run sends them to Aspire's dashboard and published output sends none.
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

        foreach (var existing in airflow.Resource.Annotations.OfType<AirflowOpenTelemetryAnnotation>().ToList())
        {
            airflow.Resource.Annotations.Remove(existing);
        }

        return airflow.WithAnnotation(new AirflowOpenTelemetryAnnotation(uri));
    }
}

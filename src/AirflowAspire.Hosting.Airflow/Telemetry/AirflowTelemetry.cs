using System.Globalization;

namespace AirflowAspire.Hosting.Airflow.Telemetry;

/// <summary>
/// Airflow's own OpenTelemetry export (<c>[metrics] otel_*</c> and <c>[traces] otel_*</c>, OTLP/HTTP) for every
/// component, with the component's name as the service name. In a local run it goes to the dashboard's OTLP/HTTP
/// endpoint as the container reaches it (Aspire's OTLP settings also give the OpenTelemetry SDK the dashboard's
/// API key header); published, only to the collector WithOpenTelemetry names. A WithConfig of the same option wins.
/// </summary>
internal static class AirflowTelemetry
{
    private const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private const string OtlpHeadersVariable = "OTEL_EXPORTER_OTLP_HEADERS";
    private static readonly string[] Sections = ["metrics", "traces"];

    public static void Add(IResourceBuilder<AirflowComponentResource> component)
    {
        if (component.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            component.WithOtlpExporterIfEndpointAvailable(OtlpProtocol.HttpProtobuf);
        }

        component.WithEnvironment(context => Apply(component.Resource, context));
    }

    private static void Apply(AirflowComponentResource component, EnvironmentCallbackContext context)
    {
        var env = context.EnvironmentVariables;
        var collector = Collector(component.Parent, context);
        if (collector is not var (host, port, sslActive))
        {
            return;
        }

        if (component.Parent.Annotations.OfType<AirflowOpenTelemetryAnnotation>().Any())
        {
            // The dashboard's API key is for the dashboard, not for a collector of the user's.
            env.Remove(OtlpHeadersVariable);
        }

        foreach (var section in Sections)
        {
            Set(env, component, section, "otel_on", "True");
            Set(env, component, section, "otel_host", host);
            Set(env, component, section, "otel_port", port);
            Set(env, component, section, "otel_ssl_active", sslActive);
            Set(env, component, section, "otel_service", component.Name);
        }

        if (context.ExecutionContext.IsRunMode)
        {
            // As Aspire does for .NET services in a local run: metrics in the dashboard within a second or so.
            Set(env, component, "metrics", "otel_interval_milliseconds", "1000");
        }
    }

    private static (object Host, object Port, object SslActive)? Collector(AirflowResource airflow, EnvironmentCallbackContext context)
    {
        if (airflow.Annotations.OfType<AirflowOpenTelemetryAnnotation>().LastOrDefault() is { } chosen)
        {
            var endpoint = chosen.Endpoint;
            return (endpoint.Host, endpoint.Port.ToString(CultureInfo.InvariantCulture), endpoint.Scheme == Uri.UriSchemeHttps ? "True" : "False");
        }

        if (context.ExecutionContext.IsRunMode && context.EnvironmentVariables.TryGetValue(OtlpEndpointVariable, out var value) && value is IValueProvider url)
        {
            return (new OtlpUrlPart(url, OtlpUrlPart.Part.Host), new OtlpUrlPart(url, OtlpUrlPart.Part.Port), new OtlpUrlPart(url, OtlpUrlPart.Part.SslActive));
        }

        return null;
    }

    private static void Set(IDictionary<string, object> env, AirflowComponentResource component, string section, string option, object value)
    {
        AirflowConfigCatalog.ThrowIfUnknown(section, option, component.Parent.Version, component.Parent.Name);
        env.TryAdd($"AIRFLOW__{section.ToUpperInvariant()}__{option.ToUpperInvariant()}", value);
    }
}

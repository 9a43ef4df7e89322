using System.Globalization;

namespace AirflowAspire.Hosting.Airflow.Telemetry;

/// <summary>
/// Airflow's own OpenTelemetry export (<c>[metrics] otel_*</c> and <c>[traces] otel_*</c>, OTLP/HTTP) for every
/// component once WithOpenTelemetry asks for it, with the component's name as the service name: to a named
/// collector, or in a local run to the dashboard's OTLP/HTTP endpoint at the address Aspire gives containers for it
/// (Aspire's OTLP settings also give the OpenTelemetry SDK the dashboard's API key header). A WithConfig of the
/// same option wins.
/// </summary>
internal static class AirflowTelemetry
{
    private const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private const string OtlpHeadersVariable = "OTEL_EXPORTER_OTLP_HEADERS";
    private static readonly string[] Sections = ["metrics", "traces"];

    /// <summary>Every component, from its creation: the Airflow options, when WithOpenTelemetry has chosen a destination.</summary>
    public static void Add(IResourceBuilder<AirflowComponentResource> component) =>
        component.WithEnvironment(context => Apply(component.Resource, context, NamedCollector(component.Resource.Parent)));

    /// <summary>
    /// Every component, once WithOpenTelemetry() chose the dashboard: Aspire's OTLP settings, then the Airflow
    /// options made from them (a callback after Aspire's, which sets the endpoint).
    /// </summary>
    public static void AddDashboardExporter(IResourceBuilder<AirflowComponentResource> component)
    {
        if (component.ApplicationBuilder.ExecutionContext.IsRunMode && !component.Resource.Annotations.OfType<OtlpExporterAnnotation>().Any())
        {
            component.WithOtlpExporterIfEndpointAvailable(OtlpProtocol.HttpProtobuf);
            component.WithEnvironment(context => Apply(component.Resource, context, Dashboard(component.Resource.Parent, context)));
        }
    }

    private static void Apply(AirflowComponentResource component, EnvironmentCallbackContext context, (object Host, object Port, object SslActive)? collector)
    {
        var env = context.EnvironmentVariables;
        if (collector is not var (host, port, sslActive))
        {
            return;
        }

        if (Choice(component.Parent)?.Endpoint is not null)
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

    private static AirflowOpenTelemetryAnnotation? Choice(AirflowResource airflow) =>
        airflow.Annotations.OfType<AirflowOpenTelemetryAnnotation>().LastOrDefault();

    private static (object Host, object Port, object SslActive)? NamedCollector(AirflowResource airflow) =>
        Choice(airflow)?.Endpoint is { } endpoint
            ? (endpoint.Host, endpoint.Port.ToString(CultureInfo.InvariantCulture), endpoint.Scheme == Uri.UriSchemeHttps ? "True" : "False")
            : null;

    /// <summary>The dashboard's OTLP/HTTP endpoint as Aspire's settings give it, when the dashboard is still the choice.</summary>
    private static (object Host, object Port, object SslActive)? Dashboard(AirflowResource airflow, EnvironmentCallbackContext context) =>
        Choice(airflow) is { Endpoint: null } && context.ExecutionContext.IsRunMode
            && context.EnvironmentVariables.TryGetValue(OtlpEndpointVariable, out var value) && value is IValueProvider url
            ? (new OtlpUrlPart(url, OtlpUrlPart.Part.Host), new OtlpUrlPart(url, OtlpUrlPart.Part.Port), new OtlpUrlPart(url, OtlpUrlPart.Part.SslActive))
            : null;

    private static void Set(IDictionary<string, object> env, AirflowComponentResource component, string section, string option, object value)
    {
        AirflowConfigCatalog.ThrowIfUnknown(section, option, component.Parent.Version, component.Parent.Name);
        env.TryAdd($"AIRFLOW__{section.ToUpperInvariant()}__{option.ToUpperInvariant()}", value);
    }
}

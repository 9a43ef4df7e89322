using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace AirflowAspire.ServiceDefaults;

/// <summary>
/// What every service in the deployment shares: health checks for its probes and OpenTelemetry for the
/// dashboard or collector. Call <see cref="AddServiceDefaults"/> on the builder and
/// <see cref="MapDefaultEndpoints"/> on the built app.
/// </summary>
public static class ServiceDefaultsExtensions
{
    private const string SelfCheckName = "self";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddOpenTelemetryDefaults();
        builder.Services.AddHealthChecks()
            .AddCheck(SelfCheckName, () => HealthCheckResult.Healthy(), [HealthCheckTags.Live]);
        return builder;
    }

    /// <summary>
    /// Serves <c>/health</c> (all checks) and <c>/alive</c> (only live-tagged checks). They are mapped in
    /// every environment, unlike Aspire's template, because the cluster's probes call them in production;
    /// they answer only Healthy, Degraded or Unhealthy and reveal no details.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpoints.Health);
        app.MapHealthChecks(HealthEndpoints.Alive, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthCheckTags.Live),
        });
        return app;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AirflowAspire.Hosting.Airflow;

/// <summary>
/// The official compose file's health checks as Aspire health checks: HTTP ones against the component's
/// endpoint, command ones run inside the component's container through the container runtime.
/// </summary>
internal static class AirflowHealthChecks
{
    /// <summary>How long one command check may run: Airflow's CLI starts slowly, and a hung check must not hang the AppHost.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    public static void Add(IDistributedApplicationBuilder builder, IResourceBuilder<AirflowComponentResource> component, AirflowComponentSpec spec)
    {
        switch (spec.HealthCheck)
        {
            case AirflowHealthCheck.Http http:
                component.WithHttpHealthCheck(http.Path, endpointName: AirflowComponentResource.HttpEndpointName);
                break;
            case AirflowHealthCheck.Command command:
                var key = $"{component.Resource.Name}_check";
                var resourceName = component.Resource.Name;

                // A component removed and added again by later settings keeps the one registration it had.
                builder.Services.Configure<HealthCheckServiceOptions>(options =>
                {
                    if (options.Registrations.All(r => r.Name != key))
                    {
                        options.Registrations.Add(new HealthCheckRegistration(
                            key,
                            services => new ContainerCommandHealthCheck(resourceName, command.ShellCommand, services),
                            failureStatus: HealthStatus.Unhealthy,
                            tags: null,
                            timeout: CommandTimeout + TimeSpan.FromSeconds(5)));
                    }
                });
                builder.Services.AddHealthChecks();
                component.WithHealthCheck(key);
                break;
        }
    }
}

using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Bench.LocalStack;

/// <summary>
/// The default AppHost's model (AppHost/Program.cs) as a local run builds it, changed only where a repeated measurement
/// needs it: no data volume (each run starts on an empty database, as a first <c>dotnet run</c> does, and leaves no
/// volume behind) and no fixed UI port. For the baseline, its Postgres and Redis alone.
/// </summary>
internal static class StackModel
{
    public static async Task<IDistributedApplicationTestingBuilder> CreateAsync(BenchOptions options, bool dataServicesOnly)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([], (o, _) => o.DisableDashboard = true)
            .WaitAsync(TimeSpan.FromMinutes(1));
        // The bench prints its numbers only; a component that never gets ready ends the run with its name.
        builder.Services.AddLogging(logging => logging.ClearProviders());
        foreach (var container in builder.Resources.OfType<ContainerResource>())
        {
            foreach (var volume in container.Annotations.OfType<ContainerMountAnnotation>().Where(m => m.Type == ContainerMountType.Volume).ToList())
            {
                container.Annotations.Remove(volume);
            }

            foreach (var endpoint in container.Annotations.OfType<EndpointAnnotation>())
            {
                endpoint.Port = null;
            }
        }

        if (options.StandIn)
        {
            UseTestImages(builder);
        }

        if (dataServicesOnly)
        {
            foreach (var resource in builder.Resources.Where(IsAirflows).ToList())
            {
                builder.Resources.Remove(resource);
            }
        }

        return builder;
    }

    /// <summary>The Airflow resource and everything under it: what the baseline leaves out.</summary>
    public static bool IsAirflows(IResource resource) =>
        resource is AirflowResource || (resource is IResourceWithParent { Parent: var parent } && IsAirflows(parent));

    private static void UseTestImages(IDistributedApplicationTestingBuilder builder)
    {
        foreach (var airflow in builder.Resources.OfType<AirflowResource>())
        {
            builder.CreateResourceBuilder(airflow).WithImage("airflowaspire-test/airflow-standin", "latest");
        }

        foreach (var postgres in builder.Resources.OfType<PostgresServerResource>())
        {
            builder.CreateResourceBuilder(postgres).WithImage("airflowaspire-test/postgres", "15").WithImageRegistry(null);
        }

        foreach (var redis in builder.Resources.OfType<RedisResource>())
        {
            builder.CreateResourceBuilder(redis).WithImage("airflowaspire-test/redis", "7.0").WithImageRegistry(null);
        }
    }
}

using AirflowAspire.Hosting.Airflow.LocalFallback;

namespace Aspire.Hosting;

public static class LocalFallbackBuilderExtensions
{
    /// <summary>
    /// When no container runtime answers at the start of a local run, runs Aspire's Postgres, Redis and RabbitMQ and
    /// the Airflow components as processes of this machine's own installations instead of containers; other
    /// containers stay as Aspire leaves them. Without this call, such a run behaves as plain Aspire's: the containers
    /// show <c>Runtime unhealthy</c>. Publishing is unaffected either way.
    /// </summary>
    public static IDistributedApplicationBuilder UseLocalProcessesWithoutContainerRuntime(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        NoContainerRuntimeFallback.Register(builder);
        return builder;
    }
}

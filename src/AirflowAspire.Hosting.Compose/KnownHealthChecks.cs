using AirflowAspire.Hosting.Publishing;

namespace AirflowAspire.Hosting.Compose;

/// <summary>
/// The compose health checks this publisher knows. Aspire's own checks run inside the AppHost and say nothing
/// a compose file can use, so these come from what each image is known to need: a template's
/// (<see cref="IComposeTemplate.HealthCheck"/>: the official Airflow compose file's checks for Airflow's components),
/// else the usual client pings of Postgres, Redis and RabbitMQ.
/// Other containers get none, and a wait on them is a wait for their start.
/// </summary>
internal static class KnownHealthChecks
{
    private static readonly TimeSpan Seconds5 = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Seconds10 = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Seconds20 = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Seconds30 = TimeSpan.FromSeconds(30);

    public static ComposeHealthCheck? For(ContainerResource container) =>
        ComposeTemplates.All.Select(t => t.HealthCheck(container)).FirstOrDefault(check => check is not null) ?? ForDataService(container);

    private static ComposeHealthCheck? ForDataService(ContainerResource container) => container switch
    {
        PostgresServerResource => DataService(container, Seconds10, Seconds10, 5, Seconds5),
        RedisResource => DataService(container, Seconds10, Seconds30, 50, Seconds30),
        RabbitMQServerResource => DataService(container, Seconds10, Seconds10, 10, Seconds20),
        _ => null,
    };

    /// <summary>The server's readiness command (shared with the Kubernetes probes), with this file's timings.</summary>
    private static ComposeHealthCheck DataService(ContainerResource container, TimeSpan interval, TimeSpan timeout, int retries, TimeSpan startPeriod) =>
        DataServiceReadiness.Command(container) switch
        {
            [DataServiceReadiness.Shell, "-c", var line] => ComposeHealthCheck.Shell(interval, timeout, retries, startPeriod, line),
            { } command => ComposeHealthCheck.Command(interval, timeout, retries, startPeriod, [.. command]),
            null => throw new InvalidOperationException($"No readiness command is known for '{container.Name}'."),
        };
}

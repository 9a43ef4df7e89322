using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Integrations.Airflow;

/// <summary>The components of each Airflow version, with the commands and health checks the official compose file uses.</summary>
internal static class AirflowComponents
{
    public const int ApiServerPort = 8080;
    public const int SchedulerHealthPort = 8974;
    public const int WorkerLogServerPort = 8793;
    public const int FlowerPort = 5555;

    internal const string CeleryApp = "airflow.providers.celery.executors.celery_executor.app";
    internal const string LegacyCeleryApp = "airflow.executors.celery_executor.app";

    public static AirflowComponentSpec Get(AirflowRole role, AirflowVersion version) => role switch
    {
        AirflowRole.Init => new(role, "init", ["version"], null, null, Medium),
        AirflowRole.ApiServer => new(role, "api-server", ["api-server"], ApiServerPort,
            new HttpHealthCheckAnnotation("http", "/api/v2/monitor/health"), Large),
        AirflowRole.Webserver => new(role, "webserver", ["webserver"], ApiServerPort,
            new HttpHealthCheckAnnotation("http", "/health"), Large),
        AirflowRole.Scheduler => new(role, "scheduler", ["scheduler"], SchedulerHealthPort,
            new HttpHealthCheckAnnotation("http", "/health"), Large),
        AirflowRole.DagProcessor => new(role, "dag-processor", ["dag-processor"], null,
            JobCheck("DagProcessorJob"), Medium),
        AirflowRole.Triggerer => new(role, "triggerer", ["triggerer"], null,
            JobCheck("TriggererJob"), Medium),
        AirflowRole.Worker => new(role, "worker", ["celery", "worker"], WorkerLogServerPort,
            new CommandHealthCheckAnnotation(
                [$"celery --app {CeleryApp} inspect ping -d \"celery@${{HOSTNAME}}\" || celery --app {LegacyCeleryApp} inspect ping -d \"celery@${{HOSTNAME}}\""],
                UseShell: true), Large),
        AirflowRole.Flower => new(role, "flower", ["celery", "flower"], FlowerPort,
            new HttpHealthCheckAnnotation("http", "/"), Small),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, $"No component {role} in Airflow {version}."),
    };

    // Requests near what an idle component uses; limits with room for parsing and task bursts. CPU is not
    // limited, so a busy scheduler is slowed by its neighbours rather than throttled.
    private static readonly ComputeResourcesAnnotation Small = new("100m", "256Mi", null, "512Mi");
    private static readonly ComputeResourcesAnnotation Medium = new("250m", "512Mi", null, "1Gi");
    private static readonly ComputeResourcesAnnotation Large = new("500m", "1Gi", null, "2Gi");

    private static CommandHealthCheckAnnotation JobCheck(string jobType) =>
        new([$"airflow jobs check --job-type {jobType} --hostname \"${{HOSTNAME}}\""], UseShell: true);
}

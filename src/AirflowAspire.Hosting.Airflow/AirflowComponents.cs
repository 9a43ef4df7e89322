namespace AirflowAspire.Hosting.Airflow;

/// <summary>The components of each Airflow version, with the commands and health checks the official compose file uses.</summary>
internal static class AirflowComponents
{
    public const int ApiServerPort = 8080;
    public const int SchedulerHealthPort = 8974;
    public const int WorkerLogServerPort = 8793;
    public const int FlowerPort = 5555;

    internal const string CeleryApp = "airflow.providers.celery.executors.celery_executor.app";
    internal const string LegacyCeleryApp = "airflow.executors.celery_executor.app";

    public static AirflowComponentSpec Get(AirflowRole role) => role switch
    {
        AirflowRole.Init => new(role, "init", AirflowAdminUser.CreateArgs, null, null, Medium),
        AirflowRole.ApiServer => new(role, "api-server", ["api-server"], ApiServerPort, new AirflowHealthCheck.Http("/api/v2/monitor/health"), Large),
        AirflowRole.Webserver => new(role, "webserver", ["webserver"], ApiServerPort, new AirflowHealthCheck.Http("/health"), Large),
        AirflowRole.Scheduler => new(role, "scheduler", ["scheduler"], SchedulerHealthPort, new AirflowHealthCheck.Http("/health"), Large),
        AirflowRole.DagProcessor => new(role, "dag-processor", ["dag-processor"], null, JobCheck("DagProcessorJob"), Medium),
        AirflowRole.Triggerer => new(role, "triggerer", ["triggerer"], null, JobCheck("TriggererJob"), Medium),
        AirflowRole.Worker => new(role, "worker", ["celery", "worker"], WorkerLogServerPort, CeleryPing(), Large),
        AirflowRole.Flower => new(role, "flower", ["celery", "flower"], FlowerPort, new AirflowHealthCheck.Http("/"), Small),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, $"No Airflow component {role}."),
    };

    /// <summary>The roles a deployment with these settings runs, in start order.</summary>
    public static IEnumerable<AirflowRole> RolesOf(AirflowResource airflow)
    {
        yield return AirflowRole.Init;
        yield return airflow.Version.IsAirflow3 ? AirflowRole.ApiServer : AirflowRole.Webserver;
        yield return AirflowRole.Scheduler;
        if (airflow.Version.IsAirflow3 || airflow.HasStandaloneDagProcessor)
        {
            yield return AirflowRole.DagProcessor;
        }

        if (airflow.HasTriggerer)
        {
            yield return AirflowRole.Triggerer;
        }

        if (airflow.Executor == AirflowExecutor.Celery)
        {
            yield return AirflowRole.Worker;
        }

        if (airflow.HasFlower)
        {
            yield return AirflowRole.Flower;
        }
    }

    // Requests near what an idle component uses, so the default model schedules on a 2-CPU, 4 GiB dev cluster
    // (kind, minikube, k3d) beside its system pods; limits with room for parsing and task bursts. CPU is not
    // limited, so a busy scheduler is slowed by its neighbours rather than throttled. Larger requests are the
    // model's choice (WithComputeResources).
    private static readonly ComputeResourcesAnnotation Small = new("25m", "128Mi", null, "512Mi");
    private static readonly ComputeResourcesAnnotation Medium = new("50m", "256Mi", null, "1Gi");
    private static readonly ComputeResourcesAnnotation Large = new("100m", "384Mi", null, "2Gi");

    private static AirflowHealthCheck JobCheck(string jobType) =>
        new AirflowHealthCheck.Command($"airflow jobs check --job-type {jobType} --hostname \"${{HOSTNAME}}\"");

    private static AirflowHealthCheck CeleryPing() => new AirflowHealthCheck.Command(
        $"celery --app {CeleryApp} inspect ping -d \"celery@${{HOSTNAME}}\" || celery --app {LegacyCeleryApp} inspect ping -d \"celery@${{HOSTNAME}}\"");
}

namespace AirflowAspire.Hosting.Airflow;

/// <summary>
/// What Airflow needs in a cluster beyond what the local run needs, as the official Helm chart does it: the
/// migration command, the wait for migrations, how long each component may take to stop,
/// and the ports and paths the pods share. Arguments are given to the image's entrypoint, which prefixes
/// <c>airflow</c>.
/// </summary>
internal static class AirflowClusterFacts
{
    public const string Home = "/opt/airflow";
    public const string DagsPath = Home + "/dags";
    public const string LogsPath = Home + "/logs";

    /// <summary>The triggerer serves the logs of deferred tasks on this port (<c>[logging] trigger_log_server_port</c>).</summary>
    public const int TriggererLogServerPort = 8794;

    /// <summary>How long <c>airflow db check-migrations</c> waits for the migration before failing (the chart's default).</summary>
    public const int MigrationWaitTimeoutSeconds = 60;

    /// <summary>
    /// The host name a component records for its jobs and task instances: the fully qualified name, which for a
    /// StatefulSet pod behind its headless Service (<c>airflow-worker-0.airflow-worker.ns.svc...</c>) resolves
    /// from every pod, so the API server can fetch a task's log from the worker that ran it.
    /// </summary>
    public const string HostnameCallable = "airflow.utils.net.getfqdn";

    /// <summary>git-sync v4, the version the chart runs.</summary>
    public const string GitSyncImage = "registry.k8s.io/git-sync/git-sync:v4.4.2";

    /// <summary>The non-root user the git-sync image runs as.</summary>
    public const long GitSyncUser = 65533;

    /// <summary>Migrates the metadata database to this version's schema (Airflow 2.7 and later, so every supported version).</summary>
    public static IReadOnlyList<string> MigrateArgs { get; } = ["db", "migrate"];

    /// <summary>Waits until the database is at this version's schema: what every component waits on before it starts.</summary>
    public static IReadOnlyList<string> CheckMigrationsArgs { get; } = CheckMigrationsArgsFor(MigrationWaitTimeoutSeconds);

    /// <summary><see cref="CheckMigrationsArgs"/> with another wait, for a migration that starts beside the component rather than before it.</summary>
    public static IReadOnlyList<string> CheckMigrationsArgsFor(int timeoutSeconds) =>
        ["db", "check-migrations", $"--migration-wait-timeout={timeoutSeconds}"];

    /// <summary>
    /// How long a component may take to stop after SIGTERM: ten minutes for workers, whose warm shutdown lets
    /// running tasks finish (as the chart allows); a minute for components that hand over work; less for the rest.
    /// </summary>
    public static int TerminationGracePeriodSeconds(AirflowRole role) => role switch
    {
        AirflowRole.Worker => 600,
        AirflowRole.Scheduler or AirflowRole.DagProcessor or AirflowRole.Triggerer => 60,
        _ => 30,
    };

    /// <summary>Whether the component reads DAG files: it parses them, runs tasks, or runs triggers from them.</summary>
    public static bool ReadsDags(AirflowRole role) =>
        role is AirflowRole.Scheduler or AirflowRole.DagProcessor or AirflowRole.Triggerer or AirflowRole.Worker;

    /// <summary>Whether the component writes or reads task logs, so it mounts the shared logs volume when there is one.</summary>
    public static bool UsesLogs(AirflowRole role) => role is not (AirflowRole.Init or AirflowRole.Flower);

    /// <summary>
    /// Whether the component talks to the Kubernetes API when tasks launch pods: whatever runs tasks (workers,
    /// the scheduler of the LocalExecutor, the KubernetesExecutor's scheduler that starts a pod per task), the
    /// triggerer (deferred KubernetesPodOperator tasks) and, with the KubernetesExecutor, the API server or
    /// webserver, which reads running task pods' logs from the API.
    /// </summary>
    public static bool UsesKubernetesApi(AirflowRole role, AirflowExecutor executor) => role switch
    {
        AirflowRole.Worker or AirflowRole.Triggerer => true,
        AirflowRole.Scheduler => executor is AirflowExecutor.Local or AirflowExecutor.Kubernetes,
        AirflowRole.ApiServer or AirflowRole.Webserver => executor == AirflowExecutor.Kubernetes,
        _ => false,
    };
}


namespace AirflowAspire.Hosting.Airflow;

/// <summary>How often a probe runs, how long one attempt may take and how many failures in a row it tolerates.</summary>
internal sealed record AirflowProbeTiming(int PeriodSeconds, int TimeoutSeconds, int FailureThreshold, int InitialDelaySeconds = 0)
{
    /// <summary>How long the probe may keep failing before the container counts as failed.</summary>
    public TimeSpan Tolerance => TimeSpan.FromSeconds(InitialDelaySeconds + (PeriodSeconds * FailureThreshold));
}

/// <summary>The probes of one long-running component in a cluster.</summary>
/// <param name="Check">What is probed: an HTTP GET of one of the component's endpoints, or a command run in its container.</param>
/// <param name="Liveness">Restarts the container when it keeps failing.</param>
/// <param name="Readiness">Takes the pod out of its Service while failing; null for components nothing sends requests to.</param>
/// <param name="Startup">Holds liveness back until the first success, so a slow start is not killed.</param>
internal sealed record AirflowProbeSpec(AirflowHealthCheck Check, AirflowProbeTiming Liveness, AirflowProbeTiming? Readiness, AirflowProbeTiming Startup);

/// <summary>
/// The probes each Airflow component gets in a cluster, as the official Helm chart defines them: HTTP health
/// for the API server, the webserver and Flower; <c>airflow jobs check --local</c> for the scheduler, the
/// dag-processor and the triggerer (their heartbeat in the metadata database); Celery's <c>inspect ping</c> for
/// workers. Data, so every cluster renderer says the same thing.
/// </summary>
internal static class AirflowProbes
{
    /// <summary>
    /// What a probe command starts with: the chart's settings that make a check fast and quiet. The image's
    /// entrypoint would otherwise wait for the database first, and log at INFO into the probe's output.
    /// </summary>
    public const string CheckEnvironment = "CONNECTION_CHECK_MAX_COUNT=0 AIRFLOW__LOGGING__LOGGING_LEVEL=ERROR";

    /// <summary>
    /// Every component gets five minutes to answer its first probe. The chart allows one, but a first start
    /// (provider discovery, the first DAG parse, a cold node) can take longer, and a startup probe that gives
    /// up too soon turns a slow start into a restart loop.
    /// </summary>
    public static readonly AirflowProbeTiming Startup = new(PeriodSeconds: 10, TimeoutSeconds: 20, FailureThreshold: 30);

    /// <summary>The chart's web probes: every 10 s, 5 s to answer, 5 failures.</summary>
    public static readonly AirflowProbeTiming Web = new(PeriodSeconds: 10, TimeoutSeconds: 5, FailureThreshold: 5, InitialDelaySeconds: 15);

    /// <summary>The chart's heartbeat probes: once a minute, 20 s to answer, restarted after 5 minutes without one.</summary>
    public static readonly AirflowProbeTiming Heartbeat = new(PeriodSeconds: 60, TimeoutSeconds: 20, FailureThreshold: 5, InitialDelaySeconds: 10);

    /// <summary>The chart's Flower probes: every 5 s, 5 s to answer, 10 failures.</summary>
    public static readonly AirflowProbeTiming Flower = new(PeriodSeconds: 5, TimeoutSeconds: 5, FailureThreshold: 10, InitialDelaySeconds: 10);

    /// <summary>The probes of a role; null for the run-once init.</summary>
    public static AirflowProbeSpec? For(AirflowRole role) => role switch
    {
        AirflowRole.Init => null,
        AirflowRole.ApiServer => new(new AirflowHealthCheck.Http("/api/v2/monitor/health"), Web, Web, Startup),
        AirflowRole.Webserver => new(new AirflowHealthCheck.Http("/health"), Web, Web, Startup),
        AirflowRole.Scheduler => new(JobCheck("SchedulerJob"), Heartbeat, null, Startup),
        AirflowRole.DagProcessor => new(JobCheck("DagProcessorJob"), Heartbeat, null, Startup),
        AirflowRole.Triggerer => new(JobCheck("TriggererJob"), Heartbeat, null, Startup),
        AirflowRole.Worker => new(CeleryPing(), Heartbeat, null, Startup),
        AirflowRole.Flower => new(new AirflowHealthCheck.Http("/"), Flower, Flower, Startup),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, $"No probes for the Airflow role {role}."),
    };

    /// <summary>Whether this job of the component heartbeats recently enough, checked on this host only.</summary>
    private static AirflowHealthCheck JobCheck(string jobType) =>
        new AirflowHealthCheck.Command($"{CheckEnvironment} exec /entrypoint airflow jobs check --job-type {jobType} --local");

    /// <summary>
    /// Whether this worker's Celery node answers a ping. Celery names the node <c>celery@</c> and the pod's host
    /// name. The Celery provider's app first, then the path Airflow used before the provider existed.
    /// </summary>
    private static AirflowHealthCheck CeleryPing()
    {
        static string Ping(string app) => $"/entrypoint python -m celery --app {app} inspect ping -d \"celery@$(hostname)\"";
        return new AirflowHealthCheck.Command(
            $"export CONNECTION_CHECK_MAX_COUNT=0; {Ping(AirflowComponents.CeleryApp)} || {Ping(AirflowComponents.LegacyCeleryApp)}");
    }
}

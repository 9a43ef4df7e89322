using AirflowAspire.Hosting.Orchestration;

namespace AirflowAspire.Dashboard.Tests.TestSupport;

/// <summary>A small Airflow app as the orchestrator would describe it mid-start.</summary>
internal sealed class SampleResources(DateTimeOffset start)
{
    public const string PostgresPassword = "pg-secret-Zq8w3v";
    public const string JwtSecret = "jwt-secret-Hn4k2p";

    /// <summary>A fixed start, so pictures of the page are the same on every run.</summary>
    public static readonly DateTimeOffset FixedStart = new(2025, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private DateTimeOffset Start => start;

    /// <summary>
    /// The resources, started at <paramref name="start"/>: the fixed start for stable pictures, or a recent
    /// moment where open phases must end near now.
    /// </summary>
    public static ResourceNotificationService Create(DateTimeOffset? start = null)
    {
        var resources = new ResourceNotificationService();
        foreach (var snapshot in new SampleResources(start ?? FixedStart).All())
        {
            resources.Register(snapshot);
        }

        return resources;
    }

    private IEnumerable<ResourceSnapshot> All()
    {
        yield return new ResourceSnapshot { Name = "postgres-password", Type = "Parameter", State = ResourceState.Inert,
            Environment = [new EnvironmentVariableSnapshot("value", PostgresPassword, IsSecret: true)] };
        yield return Postgres();
        yield return Redis();
        yield return AirflowInit();
        yield return ApiServer();
        yield return Worker();
    }

    private ResourceSnapshot Postgres() => new()
    {
        Name = "postgres",
        Type = "Container",
        State = ResourceState.Running,
        Health = HealthStatus.Healthy,
        StartedAt = Start.AddSeconds(1),
        Source = "docker.io/library/postgres:17.6",
        Runtime = "docker",
        HasLifecycle = true,
        Endpoints = [new EndpointSnapshot("tcp", "tcp://127.0.0.1:5432", IsExternal: false)],
        Environment =
        [
            new EnvironmentVariableSnapshot("POSTGRES_USER", "postgres", IsSecret: false),
            new EnvironmentVariableSnapshot("POSTGRES_PASSWORD", PostgresPassword, IsSecret: true),
        ],
        Volumes = ["airflowaspire-postgres-data:/var/lib/postgresql/data"],
        HealthReports = [new HealthReportSnapshot("pg_isready", HealthStatus.Healthy, "accepting connections", Start.AddSeconds(6))],
        Timeline = Phases((PhaseTimelineNames.Starting, 1), (PhaseTimelineNames.Healthy, 6)),
    };

    private ResourceSnapshot Redis() => new()
    {
        Name = "redis",
        Type = "Container",
        State = ResourceState.Running,
        Health = HealthStatus.Healthy,
        StartedAt = Start.AddSeconds(1),
        Source = "docker.io/library/redis:7.4",
        Runtime = "docker",
        HasLifecycle = true,
        Endpoints = [new EndpointSnapshot("tcp", "tcp://127.0.0.1:6379", IsExternal: false)],
        Args = ["--requirepass", "$(REDIS_PASSWORD)"],
        Timeline = Phases((PhaseTimelineNames.Starting, 1), (PhaseTimelineNames.Healthy, 3)),
    };

    private ResourceSnapshot AirflowInit() => new()
    {
        Name = "airflow-init",
        Type = "Container",
        State = ResourceState.Finished,
        ExitCode = 0,
        StartedAt = Start.AddSeconds(7),
        Source = "docker.io/apache/airflow:3.2.2",
        Runtime = "docker",
        HasLifecycle = true,
        Args = ["bash", "-c", "airflow db migrate"],
        WaitsFor = ["postgres", "redis"],
        Timeline = Phases((PhaseTimelineNames.Waiting, 0), (PhaseTimelineNames.Starting, 6), (PhaseTimelineNames.Running, 7), (null, 19)),
    };

    private ResourceSnapshot ApiServer() => new()
    {
        Name = "airflow-api-server",
        Type = "Container",
        State = ResourceState.Running,
        Health = HealthStatus.Unhealthy,
        StateMessage = "Health check http /api/v2/monitor/health: connection refused",
        StartedAt = Start.AddSeconds(20),
        Source = "docker.io/apache/airflow:3.2.2",
        Runtime = "docker",
        HasLifecycle = true,
        Endpoints = [new EndpointSnapshot("http", "http://127.0.0.1:8080", IsExternal: true)],
        Args = ["api-server"],
        Environment =
        [
            new EnvironmentVariableSnapshot("AIRFLOW__CORE__EXECUTOR", "CeleryExecutor", IsSecret: false),
            new EnvironmentVariableSnapshot("AIRFLOW__API_AUTH__JWT_SECRET", JwtSecret, IsSecret: true),
        ],
        References = ["postgres", "redis"],
        WaitsFor = ["postgres", "redis", "airflow-init"],
        HealthReports = [new HealthReportSnapshot("http", HealthStatus.Unhealthy, "connection refused", Start.AddSeconds(24))],
        Timeline = Phases((PhaseTimelineNames.Waiting, 0), (PhaseTimelineNames.Starting, 19), (PhaseTimelineNames.Running, 20), (null, 25)),
    };

    private ResourceSnapshot Worker() => new()
    {
        Name = "airflow-worker",
        Type = "Container",
        State = ResourceState.Waiting,
        Source = "docker.io/apache/airflow:3.2.2",
        Runtime = "docker",
        Replicas = 2,
        HasLifecycle = true,
        WaitsFor = ["airflow-init"],
        Timeline = Phases((PhaseTimelineNames.Waiting, 0), (null, 25)),
    };

    /// <summary>Phases that follow each other; a null name closes the last one at that second.</summary>
    private IReadOnlyList<PhaseSpan> Phases(params (string? Phase, int AtSecond)[] marks)
    {
        var spans = new List<PhaseSpan>();
        for (var i = 0; i < marks.Length; i++)
        {
            if (marks[i].Phase is not { } phase)
            {
                continue;
            }

            DateTimeOffset? end = i + 1 < marks.Length ? Start.AddSeconds(marks[i + 1].AtSecond) : null;
            spans.Add(new PhaseSpan(phase, Start.AddSeconds(marks[i].AtSecond), end));
        }

        return spans;
    }
}

/// <summary>The phase names the orchestrator writes (its PhaseTimeline is internal to the hosting library).</summary>
internal static class PhaseTimelineNames
{
    public const string Waiting = "Waiting";
    public const string Starting = "Starting";
    public const string Running = "Running";
    public const string Healthy = "Healthy";
}

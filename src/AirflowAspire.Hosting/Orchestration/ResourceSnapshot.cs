namespace AirflowAspire.Hosting.Orchestration;

/// <summary>Everything the dashboard shows about one resource at one moment. Immutable; updates make new ones.</summary>
public sealed record ResourceSnapshot
{
    public required string Name { get; init; }

    /// <summary>Container, Parameter, Database, Airflow, ...</summary>
    public required string Type { get; init; }

    public ResourceState State { get; init; } = ResourceState.NotStarted;

    public HealthStatus Health { get; init; } = HealthStatus.Unknown;

    /// <summary>Why the resource is in its state: the runtime's message, the failed health check, the missing runtime.</summary>
    public string? StateMessage { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public int RestartCount { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>The image reference, or the executable for the process runtime.</summary>
    public string? Source { get; init; }

    /// <summary>docker, podman or process; null for inert resources.</summary>
    public string? Runtime { get; init; }

    public int Replicas { get; init; } = 1;

    public IReadOnlyList<EndpointSnapshot> Endpoints { get; init; } = [];

    public IReadOnlyList<EnvironmentVariableSnapshot> Environment { get; init; } = [];

    public IReadOnlyList<string> Args { get; init; } = [];

    public IReadOnlyList<string> Volumes { get; init; } = [];

    public IReadOnlyList<string> References { get; init; } = [];

    public IReadOnlyList<string> WaitsFor { get; init; } = [];

    public IReadOnlyList<HealthReportSnapshot> HealthReports { get; init; } = [];

    /// <summary>The phases of this run so far, for the start-up timeline.</summary>
    public IReadOnlyList<PhaseSpan> Timeline { get; init; } = [];

    /// <summary>True when the user can start, stop or restart it.</summary>
    public bool HasLifecycle { get; init; }
}

/// <summary>An endpoint as a link the user can open from the host.</summary>
public sealed record EndpointSnapshot(string Name, string Url, bool IsExternal);

/// <summary>An environment variable; the dashboard masks secret ones until revealed.</summary>
public sealed record EnvironmentVariableSnapshot(string Name, string Value, bool IsSecret);

/// <summary>The last result of one health check.</summary>
public sealed record HealthReportSnapshot(string Name, HealthStatus Status, string? Description, DateTimeOffset? CheckedAt);

/// <summary>One phase of a resource's start-up: Waiting, Starting or Healthy (open-ended while it lasts).</summary>
public sealed record PhaseSpan(string Phase, DateTimeOffset Start, DateTimeOffset? End);

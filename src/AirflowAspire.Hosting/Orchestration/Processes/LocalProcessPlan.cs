using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Orchestration.Processes;

/// <summary>How to run one replica as a local process: files, setup commands, the process and its health.</summary>
public sealed record LocalProcessPlan
{
    /// <summary>The long-running process; its exit is the workload's exit.</summary>
    public required LocalProcessCommand Process { get; init; }

    /// <summary>Written before the setup commands run, readable only by the process's user.</summary>
    public IReadOnlyList<LocalProcessFile> Files { get; init; } = [];

    /// <summary>Run in order before the process; the first that exits non-zero fails the start.</summary>
    public IReadOnlyList<LocalProcessCommand> Setup { get; init; } = [];

    /// <summary>Replace the model's checks, which assume the container's port and tools; none means healthy once running.</summary>
    public IReadOnlyList<HealthCheckAnnotation> HealthChecks { get; init; } = [];

    /// <summary>Added to the process's environment for commands run in the workload (health checks).</summary>
    public IReadOnlyDictionary<string, string> HealthCheckEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The server refuses to run as root: when the AppHost is root, the setup commands and the process run
    /// as an unprivileged user that owns the state folder.
    /// </summary>
    public bool RunsAsUnprivilegedUser { get; init; }

    /// <summary>What the process gets first when it is stopped; it is killed after the grace period.</summary>
    public ProcessStopSignal StopSignal { get; init; } = ProcessStopSignal.Terminate;
}

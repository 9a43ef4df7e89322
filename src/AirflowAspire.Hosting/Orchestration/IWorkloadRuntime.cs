using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Orchestration;

/// <summary>
/// Runs workloads: the docker or podman CLI, or local processes. One runtime serves a whole run; the
/// orchestrator decides what to start and when, the runtime only how.
/// </summary>
public interface IWorkloadRuntime
{
    /// <summary>docker, podman or process.</summary>
    string Name { get; }

    /// <summary>
    /// Where workloads of this runtime reach each other: containers on the app network by resource name and
    /// target port, processes on the host by 127.0.0.1 and host port. The orchestrator renders values for it.
    /// </summary>
    LocalConsumer Consumer { get; }

    Task<RuntimeAvailability> CheckAvailabilityAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Why this runtime can never run <paramref name="resource"/> (and what to install), or null. Checked
    /// before the resource waits for anything, so the dashboard says so at once.
    /// </summary>
    string? Unavailability(IResource resource);

    /// <summary>
    /// Gets ready for a run of <paramref name="applicationName"/>: removes what a previous run that was
    /// killed left behind (found by label), and creates the app's network.
    /// </summary>
    Task PrepareAsync(string applicationName, string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Pulls the image if missing (progress to <paramref name="log"/>), then starts the workload. Throws
    /// <see cref="WorkloadStartException"/> with the runtime's message when it cannot.
    /// </summary>
    Task<IRunningWorkload> StartAsync(WorkloadSpec spec, IWorkloadLog log, CancellationToken cancellationToken);

    /// <summary>Removes the app's network (volumes are kept).</summary>
    Task CleanupAsync(string applicationName, CancellationToken cancellationToken);

    /// <summary>Deletes the app's volumes, for <c>--reset</c>.</summary>
    Task RemoveVolumesAsync(string applicationName, CancellationToken cancellationToken);
}

/// <summary>A started workload.</summary>
public interface IRunningWorkload : IAsyncDisposable
{
    WorkloadSpec Spec { get; }

    /// <summary>Completes with the exit code when the workload ends, whoever ended it.</summary>
    Task<int> Exited { get; }

    /// <summary>Asks it to stop (SIGTERM), kills it after <paramref name="grace"/>, and removes it.</summary>
    Task StopAsync(TimeSpan grace, CancellationToken cancellationToken);

    /// <summary>
    /// Health checks that replace the model's for this workload, or null to use the model's. A process
    /// stands in for a container and checks its health its own way (its port is the host port).
    /// </summary>
    IReadOnlyList<HealthCheckAnnotation>? HealthCheckOverride { get; }

    /// <summary>Runs a command inside it (a health check); with <paramref name="useShell"/>, through <c>/bin/sh -c</c>.</summary>
    Task<CommandResult> ExecAsync(IReadOnlyList<string> command, bool useShell, TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>Where a workload's console output goes.</summary>
public interface IWorkloadLog
{
    void Write(string text, bool isError);
}

/// <summary>A workload could not be started; the message is the runtime's, naming the resource.</summary>
/// <param name="runtimeUnavailable">Nothing here can run it (no container runtime and no local fallback); the message says what to install.</param>
public sealed class WorkloadStartException(string message, bool runtimeUnavailable = false) : Exception(message)
{
    public bool RuntimeUnavailable { get; } = runtimeUnavailable;
}

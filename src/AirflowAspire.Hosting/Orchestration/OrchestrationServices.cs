namespace AirflowAspire.Hosting.Orchestration;

/// <summary>What every resource supervisor of one run shares.</summary>
internal sealed record OrchestrationServices(
    IWorkloadRuntime Runtime,
    WorkloadSpecFactory Specs,
    PortAllocator Ports,
    ResourceNotificationService Notifications,
    ResourceLogService Logs,
    DependencyGate Gate,
    HealthProbe Probe,
    TerminalReporter Terminal,
    TimeProvider Time)
{
    /// <summary>How long a stopping workload gets between SIGTERM and SIGKILL.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);
}

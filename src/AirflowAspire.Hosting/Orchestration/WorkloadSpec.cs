using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Orchestration;

/// <summary>
/// One replica of a resource, fully rendered for a local run: every value concrete, every port chosen.
/// The orchestrator makes these from the model; runtimes only carry them out.
/// </summary>
public sealed record WorkloadSpec
{
    /// <summary>The resource this is a replica of.</summary>
    public required string ResourceName { get; init; }

    /// <summary>Unique per replica: the resource name, or <c>{resource}-{index}</c> when it has replicas.</summary>
    public required string InstanceName { get; init; }

    /// <summary>The host name others reach it by on the app network (the resource name for one replica).</summary>
    public required string HostName { get; init; }

    public ContainerImageAnnotation? Image { get; init; }

    public string? Entrypoint { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<PortBinding> Ports { get; init; } = [];

    /// <summary>Volume names already carry the app prefix; bind mount sources are absolute.</summary>
    public IReadOnlyList<ContainerMountAnnotation> Mounts { get; init; } = [];

    /// <summary>Exit code 0 is success, not a crash.</summary>
    public bool RunOnce { get; init; }
}

/// <summary>An endpoint's target port published on a host port of 127.0.0.1.</summary>
public sealed record PortBinding(string EndpointName, int TargetPort, int HostPort);

/// <summary>What a command run inside a workload printed and returned.</summary>
public sealed record CommandResult(int ExitCode, string Output);

/// <summary>Whether a runtime can run workloads here, and if not, what to install.</summary>
public sealed record RuntimeAvailability(bool IsAvailable, string Description)
{
    public static RuntimeAvailability Available(string description) => new(true, description);

    public static RuntimeAvailability Unavailable(string whatToInstall) => new(false, whatToInstall);
}

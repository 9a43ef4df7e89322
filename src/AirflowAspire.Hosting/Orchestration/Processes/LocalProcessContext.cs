using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Orchestration.Processes;

/// <summary>What an integration knows when it plans a local process for one replica of its resource.</summary>
public sealed record LocalProcessContext
{
    /// <summary>Rendered for a consumer on the host: other resources are at 127.0.0.1 and their host ports.</summary>
    public required WorkloadSpec Spec { get; init; }

    public required IResource Resource { get; init; }

    /// <summary>This replica's own folder for data that must survive restarts; it may not exist yet.</summary>
    public required string StateFolder { get; init; }

    /// <summary>The environment every process starts from (the AppHost's); its PATH finds executables.</summary>
    public required IReadOnlyDictionary<string, string> HostEnvironment { get; init; }

    /// <summary>The host port of the named endpoint, where the process must listen.</summary>
    public int HostPort(string endpointName) =>
        Spec.Ports.FirstOrDefault(p => p.EndpointName == endpointName)?.HostPort
        ?? throw new WorkloadStartException(
            $"'{Spec.InstanceName}' has no host port for its endpoint '{endpointName}'; the orchestrator must bind every endpoint.");

    /// <summary>A variable of the rendered environment the plan cannot do without.</summary>
    public string RequiredEnvironment(string name) =>
        Spec.Environment.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new WorkloadStartException($"'{Spec.InstanceName}' has no value for {name} in its environment; the model sets it.");

    /// <summary>The full path of an executable on the host's PATH, or null.</summary>
    public string? FindExecutable(string name) => ExecutableLookup.Find(name, HostEnvironment.GetValueOrDefault("PATH"));

    public string StatePath(params string[] parts) => Path.Combine([StateFolder, .. parts]);
}

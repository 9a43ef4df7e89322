using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting.Airflow.Footprint;

/// <summary>How many CPUs the containers can use: the container runtime's engine (Docker Desktop's VM, not the host).</summary>
internal interface IContainerRuntimeCpus
{
    Task<int> CountAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Asks the runtime Aspire's orchestrator uses once (<c>docker info</c>'s <c>NCPU</c>, podman's <c>Host.CPUs</c>);
/// where it does not answer within 5 s (no runtime: the local-process fallback), the host's processor count.
/// </summary>
internal sealed class ContainerRuntimeCpus(IConfiguration configuration) : IContainerRuntimeCpus
{
    private static readonly TimeSpan InfoTimeout = TimeSpan.FromSeconds(5);

    private readonly Lazy<Task<int>> count = new(() => AskAsync(ContainerCommandHealthCheck.ContainerRuntimeName(configuration)));

    public Task<int> CountAsync(CancellationToken cancellationToken) => count.Value.WaitAsync(cancellationToken);

    private static async Task<int> AskAsync(string runtime)
    {
        var format = Path.GetFileNameWithoutExtension(runtime) == "podman" ? "{{.Host.CPUs}}" : "{{.NCPU}}";
        var output = await RuntimeCli.OutputAsync(runtime, ["info", "--format", format], InfoTimeout, CancellationToken.None).ConfigureAwait(false);
        return int.TryParse(output?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var cpus) && cpus > 0
            ? cpus
            : Environment.ProcessorCount;
    }
}

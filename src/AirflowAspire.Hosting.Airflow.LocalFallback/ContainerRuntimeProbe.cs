using AirflowAspire.DagChecks.Tools;
using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting.Airflow.LocalFallback;

/// <summary>
/// Which container runtime answers at start: <c>ASPIRE_CONTAINER_RUNTIME</c> (or docker, then podman) asked for
/// <c>info</c> with a short timeout, through the lookup dag-packager uses too (<see cref="ContainerRuntimeLocator"/>).
/// <c>AirflowAspire:ContainerRuntime=none</c> says "none" without asking.
/// </summary>
internal static class ContainerRuntimeProbe
{
    public const string SettingKey = "AirflowAspire:ContainerRuntime";

    public const string None = "none";

    /// <summary>Every start of the AppHost waits on this, so it is shorter than dag-packager's.</summary>
    private static readonly TimeSpan InfoTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The runtime that answered, or null when none did.</summary>
    public static async Task<string?> FindAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (configuration[SettingKey] is { Length: > 0 } forced)
        {
            return string.Equals(forced, None, StringComparison.OrdinalIgnoreCase) ? null : forced;
        }

        IReadOnlyList<string> candidates = configuration["ASPIRE_CONTAINER_RUNTIME"] is { Length: > 0 } chosen ? [chosen] : ContainerRuntimeLocator.Names;
        var search = await ContainerRuntimeLocator.FirstThatAnswersAsync(
            candidates, Environment.GetEnvironmentVariable("PATH"), InfoTimeout, cancellationToken).ConfigureAwait(false);
        return search.Runtime?.Name;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Orchestration.Containers;

/// <summary>
/// Picks the container runtime of a local run. The setting (configuration key <c>ContainerRuntime</c>, or the
/// environment variable <c>AIRFLOWASPIRE_CONTAINER_RUNTIME</c>) decides when given: docker, podman or none.
/// Otherwise the first of docker and podman that is installed and whose engine answers wins.
/// </summary>
public static class ContainerRuntimeDetector
{
    public const string ConfigurationKey = "ContainerRuntime";
    public const string EnvironmentVariable = "AIRFLOWASPIRE_CONTAINER_RUNTIME";
    public const string None = "none";

    /// <summary>The CLIs tried, in order.</summary>
    public static IReadOnlyList<string> Candidates { get; } = ["docker", "podman"];

    /// <summary>The setting, or null when neither the configuration nor the environment gives one.</summary>
    public static string? ReadSetting(IConfiguration? configuration) =>
        configuration?[ConfigurationKey] is { Length: > 0 } configured
            ? configured
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } variable ? variable : null;

    public static Task<ContainerRuntimeDetection> DetectAsync(IConfiguration? configuration, ILogger? logger, CancellationToken cancellationToken) =>
        DetectAsync(ReadSetting(configuration), logger, cancellationToken);

    /// <param name="setting">docker, podman or none; null or empty detects.</param>
    public static async Task<ContainerRuntimeDetection> DetectAsync(string? setting, ILogger? logger, CancellationToken cancellationToken)
    {
        var chosen = setting?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(chosen))
        {
            return await DetectFirstAvailableAsync(logger, cancellationToken);
        }

        if (chosen == None)
        {
            return new ContainerRuntimeDetection(null, RuntimeAvailability.Unavailable(
                $"Containers are turned off: {ConfigurationKey} (or {EnvironmentVariable}) is '{None}'. " +
                "Remove the setting, or set it to docker or podman, to run containers."));
        }

        if (!Candidates.Contains(chosen))
        {
            throw new DistributedApplicationException(
                $"The container runtime setting {ConfigurationKey} (or {EnvironmentVariable}) is '{setting}'; " +
                $"use docker, podman or {None}, or remove it to detect the runtime.");
        }

        var availability = await ContainerEngineCheck.CheckAsync(chosen, cancellationToken);
        return availability.IsAvailable
            ? new ContainerRuntimeDetection(new ContainerCliRuntime(chosen, logger), availability)
            : new ContainerRuntimeDetection(null, availability with
            {
                Description = $"{ConfigurationKey} (or {EnvironmentVariable}) asks for {chosen}: {availability.Description}",
            });
    }

    private static async Task<ContainerRuntimeDetection> DetectFirstAvailableAsync(ILogger? logger, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var candidate in Candidates)
        {
            var availability = await ContainerEngineCheck.CheckAsync(candidate, cancellationToken);
            if (availability.IsAvailable)
            {
                return new ContainerRuntimeDetection(new ContainerCliRuntime(candidate, logger), availability);
            }

            problems.Add(availability.Description);
        }

        return new ContainerRuntimeDetection(null, RuntimeAvailability.Unavailable(
            $"No container runtime can run containers here. {string.Join(" ", problems)}"));
    }
}

/// <summary>The runtime picked, or null with the reason in <see cref="Availability"/>.</summary>
public sealed record ContainerRuntimeDetection(ContainerCliRuntime? Runtime, RuntimeAvailability Availability);

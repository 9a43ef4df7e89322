using AirflowAspire.Hosting.Airflow.Commands;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AirflowAspire.Hosting.Airflow;

/// <summary>
/// Runs a shell command inside a resource's running container (<c>docker exec</c> or <c>podman exec</c>) and
/// reports healthy when it exits 0, as a compose file's <c>healthcheck: test</c> does. Bounded by
/// <see cref="AirflowHealthChecks.CommandTimeout"/>; when it takes longer it is stopped in the container too
/// (<see cref="InContainerCommand"/>), so slow checks do not pile up there.
/// </summary>
internal sealed class ContainerCommandHealthCheck(string resourceName, string shellCommand, IServiceProvider services) : IHealthCheck
{
    private const string ContainerIdProperty = "container.id";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        var containerId = notifications.TryGetCurrentState(resourceName, out var state)
            ? state.Snapshot.Properties.FirstOrDefault(p => p.Name == ContainerIdProperty)?.Value as string
            : null;
        if (string.IsNullOrEmpty(containerId))
        {
            return HealthCheckResult.Unhealthy($"'{resourceName}' has no running container yet.");
        }

        var runtime = ContainerRuntimeName(services.GetRequiredService<IConfiguration>());
        ContainerExecResult result;
        try
        {
            result = await ContainerExec.RunInContainerAsync(
                runtime, containerId, resourceName, ["sh", "-c", shellCommand], shellCommand, AirflowHealthChecks.CommandTimeout, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ContainerExecException e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }

        if (result.Succeeded)
        {
            return HealthCheckResult.Healthy();
        }

        var message = LastLine(result.Error) ?? LastLine(result.Output);
        return HealthCheckResult.Unhealthy($"'{shellCommand}' exited with {result.ExitCode}{(message is null ? "" : $": {message}")}");
    }

    /// <summary>The runtime Aspire's orchestrator uses: <c>ASPIRE_CONTAINER_RUNTIME</c>, docker by default.</summary>
    internal static string ContainerRuntimeName(IConfiguration configuration) =>
        configuration["ASPIRE_CONTAINER_RUNTIME"] is { Length: > 0 } runtime ? runtime : "docker";

    private static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
}

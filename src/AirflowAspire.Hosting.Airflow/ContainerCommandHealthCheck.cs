using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AirflowAspire.Hosting.Airflow;

/// <summary>
/// Runs a shell command inside a resource's running container (<c>docker exec</c> or <c>podman exec</c>) and
/// reports healthy when it exits 0, as a compose file's <c>healthcheck: test</c> does. Bounded by
/// <see cref="AirflowHealthChecks.CommandTimeout"/>; the exec is killed when it takes longer.
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
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AirflowHealthChecks.CommandTimeout);
        var start = new ProcessStartInfo(runtime)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "exec", containerId, "sh", "-c", shellCommand },
        };

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return HealthCheckResult.Unhealthy($"Could not run '{runtime} exec' for '{resourceName}': {e.Message}");
        }

        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return HealthCheckResult.Unhealthy($"'{shellCommand}' in '{resourceName}' did not finish within {AirflowHealthChecks.CommandTimeout.TotalSeconds:0} s.");
        }

        if (process.ExitCode == 0)
        {
            return HealthCheckResult.Healthy();
        }

        var message = await LastLineAsync(error).ConfigureAwait(false) ?? await LastLineAsync(output).ConfigureAwait(false);
        return HealthCheckResult.Unhealthy($"'{shellCommand}' exited with {process.ExitCode}{(message is null ? "" : $": {message}")}");
    }

    /// <summary>The runtime Aspire's orchestrator uses: <c>ASPIRE_CONTAINER_RUNTIME</c>, docker by default.</summary>
    internal static string ContainerRuntimeName(IConfiguration configuration) =>
        configuration["ASPIRE_CONTAINER_RUNTIME"] is { Length: > 0 } runtime ? runtime : "docker";

    private static async Task<string?> LastLineAsync(Task<string> text)
    {
        try
        {
            return (await text.ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}

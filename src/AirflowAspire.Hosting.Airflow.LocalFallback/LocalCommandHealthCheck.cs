using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Airflow.LocalFallback;

/// <summary>
/// The command a component's container check runs with <c>docker exec</c>, run on this machine instead, with the
/// component's own environment (as exec has the container's) and <c>HOSTNAME</c> set to the name the command
/// asks about: a worker's Celery node name, or the host name Airflow records for its jobs. Bounded by
/// <see cref="AirflowHealthChecks.CommandTimeout"/>; stopped with its process group when it takes longer (<see cref="LocalProcessGroup"/>).
/// </summary>
internal sealed class LocalCommandHealthCheck(LocalAirflowComponentResource component, string shellCommand, LocalAirflowInstallation airflow, IServiceProvider services)
    : IHealthCheck
{
    /// <summary>Airflow's own hostname_callable when the interpreter has Airflow; the standard library's FQDN otherwise.</summary>
    private const string HostNameScript =
        "try:\n    from airflow.utils.net import get_hostname\nexcept ImportError:\n    from socket import getfqdn as get_hostname\nprint(get_hostname())";

    private Dictionary<string, string>? environment;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AirflowHealthChecks.CommandTimeout);
        try
        {
            environment ??= await EnvironmentAsync(timeout.Token).ConfigureAwait(false);
            var (exitCode, output, error) = await RunAsync("/bin/sh", ["-c", shellCommand], environment, timeout.Token).ConfigureAwait(false);
            var message = LastLine(error) ?? LastLine(output);
            return exitCode == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"'{shellCommand}' exited with {exitCode}{(message is null ? "" : $": {message}")}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"'{shellCommand}' for '{component.Name}' did not finish within {AirflowHealthChecks.CommandTimeout.TotalSeconds:0} s.");
        }
    }

    private async Task<Dictionary<string, string>> EnvironmentAsync(CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<LocalCommandHealthCheck>();
        var resolved = await ExecutionConfigurationBuilder.Create(component).WithEnvironmentVariablesConfig()
            .BuildAsync(services.GetRequiredService<DistributedApplicationExecutionContext>(), logger, cancellationToken).ConfigureAwait(false);
        var variables = resolved.EnvironmentVariables.ToDictionary(v => v.Key, v => v.Value);
        if (component.Role == AirflowRole.Worker)
        {
            variables["HOSTNAME"] = component.Name;
        }
        else
        {
            var (exitCode, output, error) = await RunAsync(airflow.Python, ["-c", HostNameScript], variables, cancellationToken).ConfigureAwait(false);
            var hostName = LastLine(output);
            if (exitCode != 0 || string.IsNullOrEmpty(hostName))
            {
                throw new DistributedApplicationException($"'{component.Name}': could not ask {airflow.Python} for the host name Airflow records: {LastLine(error)}");
            }

            variables["HOSTNAME"] = hostName;
        }

        return variables;
    }

    /// <summary>Runs a program to its end: its exit code, output and errors.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string program, IEnumerable<string> args, IReadOnlyDictionary<string, string> variables, CancellationToken cancellationToken)
    {
        var start = LocalProcessGroup.StartInfo(program, args);
        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await LocalProcessGroup.StopAsync(process).ConfigureAwait(false);
            throw;
        }

        return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    private static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
}

using AirflowAspire.Hosting.Orchestration.Containers;
using AirflowAspire.Hosting.Orchestration.Processes;
using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting.Orchestration;

/// <summary>
/// The runtime of a local run: docker or podman when one answers; otherwise local processes, which run
/// Postgres, Redis, RabbitMQ and Airflow from installed binaries and report every other container as
/// unable to run. The terminal says which, and what to install for containers.
/// </summary>
internal static class RuntimeSelection
{
    public static async Task<IWorkloadRuntime> SelectAsync(
        DistributedApplicationModel model, IConfiguration configuration, TerminalReporter terminal, CancellationToken cancellationToken)
    {
        var detection = await ContainerRuntimeDetector.DetectAsync(configuration, new TerminalLogger(terminal), cancellationToken);
        if (detection.Runtime is { } containers)
        {
            terminal.Info($"Container runtime: {detection.Availability.Description}");
            return containers;
        }

        terminal.Info($"No container runtime: {detection.Availability.Description}");
        terminal.Info("Running Postgres, Redis, RabbitMQ and Airflow from locally installed programs where they are installed; " +
                      "every other container is reported as unable to run.");
        return new ProcessRuntime(model, Path.Combine(AppStateDirectory.For(model.ApplicationName), "processes"));
    }
}

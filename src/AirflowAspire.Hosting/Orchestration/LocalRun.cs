using System.Runtime.InteropServices;
using AirflowAspire.Hosting.Dashboard;
using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting.Orchestration;

/// <summary>
/// <c>dotnet run --project AppHost</c>: picks a runtime, starts the dashboard and the orchestrator, and on
/// Ctrl-C or SIGTERM stops and removes every workload (volumes stay) before exiting.
/// </summary>
internal static class LocalRun
{
    private static readonly TimeSpan ShutdownLimit = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(DistributedApplicationModel model, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var options = LocalRunOptions.From(configuration);
        var terminal = new TerminalReporter(Console.Out, TimeProvider.System);
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signals = ShutdownSignals.Register(shutdown, terminal);

        var runtime = await RuntimeSelection.SelectAsync(model, configuration, terminal, shutdown.Token);
        if (options.Reset)
        {
            await runtime.RemoveVolumesAsync(model.ApplicationName, shutdown.Token);
            terminal.Info($"--reset: removed the volumes of {model.ApplicationName}.");
        }

        var parameters = new LocalParameterValues(configuration, LocalParameterValues.DefaultStateFile(model.ApplicationName));
        var notifications = new ResourceNotificationService();
        var logs = new ResourceLogService();
        await using var orchestrator = new Orchestrator(model, runtime, parameters.Get, notifications, logs, terminal);
        await using var dashboard = await DashboardHost.StartAsync(
            new DashboardOptions { Port = options.DashboardPort, RequireToken = options.DashboardRequiresToken },
            notifications, logs, orchestrator, shutdown.Token);
        terminal.Info($"Dashboard: {dashboard.LoginUrl}");

        await orchestrator.StartAsync(shutdown.Token);
        terminal.Info("Press Ctrl+C to stop the application.");
        await Task.Delay(Timeout.Infinite, shutdown.Token).ContinueWith(_ => { }, TaskScheduler.Default);

        terminal.Info("Stopping: removing every container and process of this run (volumes are kept)…");
        using var limit = new CancellationTokenSource(ShutdownLimit);
        await orchestrator.StopAsync(limit.Token);
        terminal.Info("Stopped.");
    }

    /// <summary>The first Ctrl-C or SIGTERM asks for a clean stop; a second one ends the process at once.</summary>
    private sealed class ShutdownSignals : IDisposable
    {
        private readonly PosixSignalRegistration[] registrations;
        private int received;

        private ShutdownSignals(CancellationTokenSource shutdown, TerminalReporter terminal) =>
            registrations =
            [
                .. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }.Select(signal => PosixSignalRegistration.Create(signal, context =>
                {
                    if (Interlocked.Increment(ref received) == 1)
                    {
                        context.Cancel = true;
                        terminal.Info($"{context.Signal} received; stopping. Press Ctrl+C again to quit at once.");
                        shutdown.Cancel();
                    }
                })),
            ];

        public static ShutdownSignals Register(CancellationTokenSource shutdown, TerminalReporter terminal) => new(shutdown, terminal);

        public void Dispose()
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }
        }
    }
}

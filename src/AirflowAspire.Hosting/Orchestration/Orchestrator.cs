using System.Security.Cryptography;
using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Orchestration;

/// <summary>
/// Runs the model locally on one runtime: every container resource under its own supervisor, in the order
/// WaitFor gives, everything else in parallel. Serves the dashboard's commands.
/// </summary>
public sealed class Orchestrator : IResourceCommands, IAsyncDisposable
{
    private readonly DistributedApplicationModel model;
    private readonly IWorkloadRuntime runtime;
    private readonly OrchestrationServices services;
    private readonly Dictionary<string, ResourceSupervisor> supervisors;
    private readonly CancellationTokenSource stopping = new();
    private readonly HttpClient http = new();
    private Task terminalFollower = Task.CompletedTask;
    private bool stopped;

    public Orchestrator(
        DistributedApplicationModel model,
        IWorkloadRuntime runtime,
        Func<ParameterResource, string> parameterValue,
        ResourceNotificationService notifications,
        ResourceLogService logs,
        TerminalReporter terminal,
        TimeProvider? time = null)
    {
        this.model = model;
        this.runtime = runtime;
        var ports = new PortAllocator(model.Resources.OfType<ContainerResource>());
        var specs = new WorkloadSpecFactory(model, ports, parameterValue);
        services = new OrchestrationServices(
            runtime, specs, ports, notifications, logs, new DependencyGate(notifications), new HealthProbe(http), terminal, time ?? TimeProvider.System);
        supervisors = model.Resources.OfType<ContainerResource>().ToDictionary(r => r.Name, r => new ResourceSupervisor(r, services));
        SessionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
    }

    /// <summary>Labels this run's containers, so a later run can tell them from its own.</summary>
    public string SessionId { get; }

    public ResourceNotificationService Notifications => services.Notifications;

    public ResourceLogService Logs => services.Logs;

    /// <summary>Registers every resource, prepares the runtime, and starts the supervisors; returns once they run.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var snapshots = new SnapshotFactory(model, services.Specs, services.Ports, runtime);
        foreach (var resource in model.Resources)
        {
            services.Notifications.Register(snapshots.Create(resource));
        }

        terminalFollower = services.Terminal.FollowAsync(services.Notifications, stopping.Token);
        await runtime.PrepareAsync(model.ApplicationName, SessionId, cancellationToken);
        foreach (var supervisor in supervisors.Values)
        {
            supervisor.Begin(stopping.Token);
        }
    }

    /// <summary>Stops every resource and removes its workloads (volumes stay), then the app's network.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        await stopping.CancelAsync();
        await Task.WhenAll(supervisors.Values.Select(s => s.StopAsync())).WaitAsync(cancellationToken);
        await runtime.CleanupAsync(model.ApplicationName, cancellationToken);
        await terminalFollower;
    }

    public Task StartAsync(string resourceName, CancellationToken cancellationToken) => Supervisor(resourceName).StartAsync();

    public Task StopAsync(string resourceName, CancellationToken cancellationToken) => Supervisor(resourceName).StopAsync();

    public Task RestartAsync(string resourceName, CancellationToken cancellationToken) => Supervisor(resourceName).RestartAsync();

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await StopAsync(timeout.Token);
        http.Dispose();
        stopping.Dispose();
    }

    private ResourceSupervisor Supervisor(string name) =>
        supervisors.GetValueOrDefault(name)
        ?? throw new DistributedApplicationException(
            $"'{name}' cannot be started or stopped: only containers can. Those are: {string.Join(", ", supervisors.Keys)}.");
}

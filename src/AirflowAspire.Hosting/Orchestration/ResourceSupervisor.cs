using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Orchestration;

/// <summary>
/// Runs one container resource for the whole local run: waits for its dependencies, starts its replicas,
/// watches their health, restarts them after a crash with back-off, and obeys stop, start and restart.
/// </summary>
internal sealed class ResourceSupervisor(ContainerResource resource, OrchestrationServices services)
{
    private readonly SemaphoreSlim commands = new(1, 1);
    private CancellationTokenSource? run;
    private Task running = Task.CompletedTask;
    private CancellationToken appStopping;

    public string Name => resource.Name;

    /// <summary>Starts the run loop; returns at once.</summary>
    public void Begin(CancellationToken applicationStopping)
    {
        appStopping = applicationStopping;
        StartLoop();
    }

    public async Task StartAsync()
    {
        await commands.WaitAsync(appStopping);
        try
        {
            if (running.IsCompleted)
            {
                StartLoop();
            }
        }
        finally
        {
            commands.Release();
        }
    }

    public async Task StopAsync()
    {
        await commands.WaitAsync(CancellationToken.None);
        try
        {
            await StopLoopAsync();
        }
        finally
        {
            commands.Release();
        }
    }

    public async Task RestartAsync()
    {
        await commands.WaitAsync(appStopping);
        try
        {
            await StopLoopAsync();
            Update(s => s with { RestartCount = s.RestartCount + 1 });
            StartLoop();
        }
        finally
        {
            commands.Release();
        }
    }

    private void StartLoop()
    {
        run = CancellationTokenSource.CreateLinkedTokenSource(appStopping);
        var token = run.Token;
        running = Task.Run(() => RunLoopAsync(token), CancellationToken.None);
    }

    private async Task StopLoopAsync()
    {
        if (run is not null)
        {
            await run.CancelAsync();
        }

        await running;
    }

    private async Task RunLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await RunOnceAsync(cancellationToken) is { } exitCode && !resource.IsRunOnce())
            {
                var delay = RestartBackoff.Delay(Current.RestartCount);
                services.Logs.Write(Name, $"exited with code {exitCode}; restarting in {delay.TotalSeconds:0} s", isError: true);
                await Task.Delay(delay, services.Time, cancellationToken);
                Update(s => s with { RestartCount = s.RestartCount + 1 });
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Update(s => PhaseTimeline.End(s with { State = ResourceState.Stopped, Health = HealthStatus.Unknown, StateMessage = null }, Now));
        }
        catch (Exception e)
        {
            Update(s => PhaseTimeline.End(s with { State = ResourceState.FailedToStart, StateMessage = e.Message }, Now));
        }
    }

    /// <summary>One life of the resource: null when it cannot start or finished; the exit code when it crashed.</summary>
    private async Task<int?> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (services.Runtime.Unavailability(resource) is { } unavailable)
        {
            Update(s => s with { State = ResourceState.RuntimeUnavailable, StateMessage = unavailable });
            return null;
        }

        if (resource.GetWaits().Count > 0)
        {
            Update(s => PhaseTimeline.Begin(s with { State = ResourceState.Waiting, Health = HealthStatus.Unknown, StateMessage = null }, PhaseTimeline.Waiting, Now));
            await services.Gate.WaitAsync(resource, message => Update(s => s with { StateMessage = message }), cancellationToken);
        }

        if (services.Ports.Problem(resource) is { } portProblem)
        {
            Update(s => PhaseTimeline.End(s with { State = ResourceState.FailedToStart, StateMessage = portProblem }, Now));
            return null;
        }

        Update(s => PhaseTimeline.Begin(
            s with { State = ResourceState.Starting, Health = HealthStatus.Unknown, StateMessage = null, ExitCode = null, StartedAt = Now },
            PhaseTimeline.Starting, Now));

        var workloads = new List<IRunningWorkload>();
        try
        {
            var exitCode = await StartAndWatchAsync(workloads, cancellationToken);
            if (exitCode is not { } code)
            {
                return null;
            }

            if (resource.IsRunOnce() && code == 0)
            {
                Update(s => PhaseTimeline.End(s with { State = ResourceState.Finished, ExitCode = 0, Health = HealthStatus.Unknown }, Now));
                return null;
            }

            Update(s => PhaseTimeline.End(
                s with { State = ResourceState.Exited, ExitCode = code, Health = HealthStatus.Unhealthy, StateMessage = $"exited with code {code}" }, Now));
            return code;
        }
        finally
        {
            await Task.WhenAll(workloads.Select(StopQuietlyAsync));
        }
    }

    private async Task<int?> StartAndWatchAsync(List<IRunningWorkload> workloads, CancellationToken cancellationToken)
    {
        var specs = services.Specs.Create(resource, services.Runtime.Consumer);
        var logs = specs.Select(spec => new WorkloadLog(Name, specs.Count > 1 ? spec.InstanceName : null, services.Logs, services.Terminal)).ToList();
        var starts = specs.Select((spec, i) => services.Runtime.StartAsync(spec, logs[i], cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        catch (Exception e) when (e is WorkloadStartException or OperationCanceledException)
        {
            // Replicas that did start are handed back for stopping, or they would run unsupervised.
            workloads.AddRange(starts.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            if (e is OperationCanceledException)
            {
                throw;
            }

            var state = e is WorkloadStartException { RuntimeUnavailable: true } ? ResourceState.RuntimeUnavailable : ResourceState.FailedToStart;
            Update(s => PhaseTimeline.End(s with { State = state, StateMessage = e.Message }, Now));
            return null;
        }

        workloads.AddRange(starts.Select(t => t.Result));
        logs.ForEach(l => l.MarkStarted());
        Update(s => s with { State = ResourceState.Running });
        if (resource.IsRunOnce())
        {
            Update(s => PhaseTimeline.Begin(s, PhaseTimeline.Running, Now));
        }

        using var healthStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var monitor = resource.IsRunOnce()
            ? Task.CompletedTask
            : new HealthMonitor(services.Probe, Update, services.Time).RunAsync(resource.GetHealthChecks(), workloads, healthStop.Token);

        var firstExit = await Task.WhenAny(workloads.Select(w => w.Exited)).WaitAsync(cancellationToken);
        await healthStop.CancelAsync();
        await monitor.ContinueWith(_ => { }, TaskScheduler.Default);
        return await firstExit;
    }

    private async Task StopQuietlyAsync(IRunningWorkload workload)
    {
        try
        {
            await workload.StopAsync(services.StopGrace, CancellationToken.None);
            await workload.DisposeAsync();
        }
        catch (Exception e)
        {
            services.Logs.Write(Name, $"could not stop {workload.Spec.InstanceName}: {e.Message}", isError: true);
        }
    }

    private ResourceSnapshot Current => services.Notifications.Get(Name)!;

    private DateTimeOffset Now => services.Time.GetUtcNow();

    private void Update(Func<ResourceSnapshot, ResourceSnapshot> change) => services.Notifications.Update(Name, change);
}

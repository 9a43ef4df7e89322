using System.Collections.Concurrent;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;

/// <summary>
/// A started app that remembers every container DCP made for it (the <c>container.id</c> of each resource
/// snapshot) and their networks, so that after disposing it the test can check, bounded, that none is left.
/// </summary>
internal sealed class RunningApp : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, string> containers = new();
    private readonly ConcurrentDictionary<string, CustomResourceSnapshot> latest = new();
    private readonly ConcurrentBag<string> networks = [];
    private readonly ConcurrentQueue<TimelineEntry> timeline = new();
    private readonly DateTime started = DateTime.UtcNow;
    private readonly CancellationTokenSource watching = new();
    private readonly Task watcher;
    private readonly ITestOutputHelper output;
    private bool disposed;
    private Task? starting;

    private RunningApp(DistributedApplication app, ITestOutputHelper output)
    {
        App = app;
        this.output = output;
        watcher = WatchAsync();
    }

    public DistributedApplication App { get; }

    /// <summary>What each resource printed.</summary>
    public ResourceLogs Logs => App.Services.GetRequiredService<ResourceLogs>();

    /// <summary>Every container id seen, with the id of the resource (replica) it belongs to.</summary>
    public IReadOnlyDictionary<string, string> Containers => containers;

    /// <summary>The latest snapshot of every resource instance, by its resource id (a replica has its own).</summary>
    public IReadOnlyDictionary<string, CustomResourceSnapshot> Latest => latest;

    public ResourceNotificationService Notifications => App.ResourceNotifications;

    /// <summary>Every change of a resource instance's state or health, in the order the AppHost published them.</summary>
    public IReadOnlyList<TimelineEntry> Timeline => [.. timeline];

    /// <summary>When a resource (any of its replicas) first reached a state, with a health if given.</summary>
    public DateTime? FirstTime(string resourceName, string state, Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus? health = null) =>
        timeline.FirstOrDefault(e => e.ResourceName == resourceName && e.State == state && (health is null || e.Health == health))?.Time;

    /// <summary>The timeline as lines for the test's output.</summary>
    public void WriteTimeline()
    {
        foreach (var entry in timeline)
        {
            output.WriteLine($"{(entry.Time - started).TotalSeconds,7:0.0}s {entry.ResourceId,-32} {entry.State,-14} {entry.Health?.ToString() ?? "-",-10} {entry.ExitCode?.ToString() ?? ""}");
        }
    }

    public static async Task<RunningApp> StartAsync(IDistributedApplicationTestingBuilder builder, ITestOutputHelper output, TimeSpan? startTimeout = null)
    {
        var app = await builder.BuildAsync().WaitAsync(TimeSpan.FromMinutes(1));
        var running = new RunningApp(app, output);
        try
        {
            await app.StartAsync().WaitAsync(startTimeout ?? TestModel.ResourceTimeout);
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }

        return running;
    }

    /// <summary>
    /// Starts the app without waiting for Aspire's start to finish, which it does only once every resource has begun
    /// (a resource held on purpose, such as an init waiting for a go-ahead, holds it too).
    /// </summary>
    public static async Task<RunningApp> BeginAsync(IDistributedApplicationTestingBuilder builder, ITestOutputHelper output)
    {
        var app = await builder.BuildAsync().WaitAsync(TimeSpan.FromMinutes(1));
        var running = new RunningApp(app, output);
        running.starting = app.StartAsync();
        return running;
    }

    public Task WaitHealthyAsync(string resourceName, TimeSpan? timeout = null) =>
        Notifications.WaitForResourceHealthyAsync(resourceName).WaitAsync(timeout ?? TestModel.ResourceTimeout);

    public Task<ResourceEvent> WaitForStateAsync(string resourceName, Func<ResourceEvent, bool> predicate, TimeSpan? timeout = null) =>
        Notifications.WaitForResourceAsync(resourceName, predicate).WaitAsync(timeout ?? TestModel.ResourceTimeout);

    /// <summary>
    /// Records the networks of the containers seen so far (while they still exist), and every other container on
    /// them: DCP's own, such as its container network tunnel, which is no resource.
    /// </summary>
    public async Task RecordNetworksAsync()
    {
        foreach (var id in containers.Keys)
        {
            if (await DockerEngine.ContainerExistsAsync(id))
            {
                foreach (var network in await DockerEngine.NetworksOfAsync(id))
                {
                    if (network is not ("bridge" or "host" or "none"))
                    {
                        networks.Add(network);
                    }
                }
            }
        }

        foreach (var network in networks.Distinct().ToList())
        {
            if (await DockerEngine.NetworkExistsAsync(network))
            {
                foreach (var id in await DockerEngine.ContainersOnAsync(network))
                {
                    containers.TryAdd(id, $"(on {network})");
                }
            }
        }
    }

    /// <summary>Stops and disposes the app, then waits (bounded) until DCP has removed its containers and networks.</summary>
    public async Task StopAndAssertCleanedUpAsync()
    {
        await RecordNetworksAsync();
        var started = DateTime.UtcNow;
        await DisposeAsync();
        await DockerEngine.AssertGoneAsync(containers.Keys, networks, TestModel.CleanupTimeout);
        output.WriteLine($"Containers ({containers.Count}) and networks ({string.Join(", ", networks.Distinct())}) gone {(DateTime.UtcNow - started).TotalSeconds:0.0} s after the app was stopped.");
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        try
        {
            await App.StopAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            output.WriteLine($"Stopping the app: {e.GetType().Name}: {e.Message}");
        }

        if (starting is not null)
        {
            try
            {
                await starting.WaitAsync(TimeSpan.FromMinutes(1));
            }
            catch (Exception e)
            {
                output.WriteLine($"The start, stopped before it finished: {e.GetType().Name}");
            }
        }

        await App.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(2));
        await watching.CancelAsync();
        try
        {
            await watcher.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or ObjectDisposedException)
        {
        }

        watching.Dispose();
    }

    private async Task WatchAsync()
    {
        await Task.Yield();
        try
        {
            await foreach (var update in App.ResourceNotifications.WatchAsync(watching.Token))
            {
                var previous = latest.TryGetValue(update.ResourceId, out var p) ? p : null;
                latest[update.ResourceId] = update.Snapshot;
                if (previous is null || previous.State?.Text != update.Snapshot.State?.Text || previous.HealthStatus != update.Snapshot.HealthStatus)
                {
                    timeline.Enqueue(new TimelineEntry(DateTime.UtcNow, update.Resource.Name, update.ResourceId, update.Snapshot.State?.Text, update.Snapshot.HealthStatus, update.Snapshot.ExitCode));
                }

                if (update.Snapshot.Properties.FirstOrDefault(p => p.Name == "container.id")?.Value is string { Length: > 0 } id)
                {
                    containers.TryAdd(id, update.ResourceId);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

/// <summary>One change of a resource instance's state or health, as the AppHost published it.</summary>
internal sealed record TimelineEntry(
    DateTime Time, string ResourceName, string ResourceId, string? State,
    Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus? Health, int? ExitCode);

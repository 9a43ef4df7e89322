using System.Collections.Concurrent;
using AirflowAspire.Hosting.Airflow.Commands;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Airflow.Footprint;

/// <summary>
/// In a local run, shows what each container of the Airflow deployment costs: every 10 s it asks the container runtime
/// (<c>docker stats --no-stream</c>) for the running containers of the components, the metadata database and the
/// broker, and publishes each one's CPU and memory as resource properties, and the components' sum on <c>airflow</c>.
/// A component that stops loses them. Without a container runtime (the local-process fallback) it shows nothing.
/// </summary>
internal sealed class ResourceUsageMonitor
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(30);

    private readonly AirflowResource airflow;
    private readonly ResourceNotificationService notifications;
    private readonly string runtime;
    private readonly HashSet<IResource> components = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<IResource> watched = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<IResource, string> runningContainers = new(ReferenceEqualityComparer.Instance);

    private ResourceUsageMonitor(AirflowResource airflow, ResourceNotificationService notifications, string runtime)
    {
        this.airflow = airflow;
        this.notifications = notifications;
        this.runtime = runtime;
        foreach (var component in airflow.Components.Values.Concat(airflow.AdditionalLocalWorkers))
        {
            components.Add(component);
            watched.Add(component);
        }

        if (airflow.Database?.Parent is { } server)
        {
            watched.Add(server);
        }

        if (airflow.Broker is { } broker)
        {
            watched.Add(broker);
        }
    }

    public static void Add(IResourceBuilder<AirflowResource> airflow)
    {
        if (!airflow.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            return;
        }

        airflow.OnInitializeResource((resource, e, initializing) =>
        {
            var runtime = ContainerCommandHealthCheck.ContainerRuntimeName(e.Services.GetRequiredService<IConfiguration>());
            var monitor = new ResourceUsageMonitor(resource, e.Notifications, runtime);
            var stopping = e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = Task.Run(() => monitor.FollowContainersAsync(e.Logger, stopping));
            _ = Task.Run(() => monitor.PollAsync(e.Logger, stopping));
            return Task.CompletedTask;
        });
    }

    private async Task FollowContainersAsync(ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!watched.Contains(update.Resource) || update.Resource is not ContainerResource)
                {
                    continue;
                }

                if (ContainerExec.RunningContainerId(update.Snapshot) is { } id)
                {
                    runningContainers[update.Resource] = id;
                }
                else if (runningContainers.TryRemove(update.Resource, out _) || ResourceUsageProperties.Shows(update.Snapshot.Properties))
                {
                    await notifications.PublishUpdateAsync(update.Resource, s => s with { Properties = ResourceUsageProperties.Without(s.Properties) })
                        .ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The CPU and memory of '{Airflow}''s containers are no longer shown.", airflow.Name);
        }
    }

    private async Task PollAsync(ILogger logger, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await ShowUsageAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The CPU and memory of '{Airflow}''s containers are no longer shown.", airflow.Name);
        }
    }

    private async Task ShowUsageAsync(CancellationToken cancellationToken)
    {
        var running = runningContainers.ToArray();
        if (running.Length == 0)
        {
            return;
        }

        var output = await RuntimeCli.OutputAsync(
            runtime, ["stats", "--no-stream", "--format", ContainerUsage.Format, .. running.Select(r => r.Value)], StatsTimeout, cancellationToken)
            .ConfigureAwait(false);
        if (output is null)
        {
            // A container stopped between the snapshot and the call; the next round asks without it.
            return;
        }

        var usages = output.Split('\n').Select(ContainerUsage.Parse).OfType<ContainerUsage>().ToList();
        var componentUsages = new List<ContainerUsage>();
        foreach (var (resource, containerId) in running)
        {
            if (usages.FirstOrDefault(u => u.IsOf(containerId)) is not { } usage
                || !runningContainers.TryGetValue(resource, out var stillRunning) || stillRunning != containerId)
            {
                continue;
            }

            if (components.Contains(resource))
            {
                componentUsages.Add(usage);
            }

            await notifications.PublishUpdateAsync(resource, s => s with { Properties = ResourceUsageProperties.OfContainer(s.Properties, usage) })
                .ConfigureAwait(false);
        }

        if (componentUsages.Count > 0)
        {
            await notifications.PublishUpdateAsync(airflow, s => s with { Properties = ResourceUsageProperties.OfComponents(s.Properties, componentUsages) })
                .ConfigureAwait(false);
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Airflow.State;

/// <summary>
/// In a local run, keeps the <c>airflow</c> resource's dashboard state the sum of its components' states
/// (<see cref="AirflowStateSummary"/>): it watches their snapshots and publishes the parent's state when the sum changes.
/// </summary>
internal sealed class AirflowStateMonitor
{
    private readonly AirflowResource airflow;
    private readonly ResourceNotificationService notifications;
    private readonly Dictionary<IResource, int> indexOf = new(ReferenceEqualityComparer.Instance);
    private readonly AirflowComponentState[] components;

    private AirflowStateMonitor(AirflowResource airflow, ResourceNotificationService notifications)
    {
        this.airflow = airflow;
        this.notifications = notifications;
        var running = RunningComponentsOf(airflow).ToList();
        components = [.. running.Select(c => AirflowComponentState.NotSeen(c.Resource.Name, c.RunsOnce))];
        for (var i = 0; i < running.Count; i++)
        {
            indexOf[running[i].Resource] = i;
        }
    }

    public static void Add(IResourceBuilder<AirflowResource> airflow)
    {
        if (!airflow.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            return;
        }

        airflow.OnInitializeResource((resource, e, cancellationToken) =>
        {
            // Created now, not with the model: components may have been replaced since (ResourceReplacementAnnotation).
            var monitor = new AirflowStateMonitor(resource, e.Notifications);
            var stopping = e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = Task.Run(() => monitor.RunAsync(e.Logger, stopping));
            return Task.CompletedTask;
        });
    }

    private async Task RunAsync(ILogger logger, CancellationToken cancellationToken)
    {
        ResourceStateSnapshot? shown = null;
        try
        {
            await foreach (var update in notifications.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!indexOf.TryGetValue(update.Resource, out var index))
                {
                    continue;
                }

                components[index] = components[index].After(update.Snapshot);
                var state = AirflowStateSummary.Of(components);
                if (state != shown)
                {
                    shown = state;
                    await notifications.PublishUpdateAsync(airflow, s => s with { State = state }).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "The state of '{Airflow}' no longer follows its components.", airflow.Name);
        }
    }

    /// <summary>The resources that run the components: the containers, or what replaced them without a container runtime.</summary>
    private static IEnumerable<(IResource Resource, bool RunsOnce)> RunningComponentsOf(AirflowResource airflow) =>
        airflow.Components.Values.Concat(airflow.AdditionalLocalWorkers).Select(component => (
            ResourceReplacementAnnotation.Current(component),
            component.Role == AirflowRole.Init));
}

using AirflowAspire.DagChecks.AirflowIgnore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace AirflowAspire.Hosting.Airflow.Dags;

/// <summary>
/// Adds the <c>{name}-dags</c> resource for WithDags's folder in a local run (a published deployment has no live
/// folder to watch), or points the existing one at a new folder.
/// </summary>
internal static class AirflowDagsSetup
{
    public const string NameSuffix = "dags";
    public const string ResourceType = "DagFolder";

    public static void AddOrUpdate(IResourceBuilder<AirflowResource> airflow, string folder)
    {
        var builder = airflow.ApplicationBuilder;
        if (!builder.ExecutionContext.IsRunMode)
        {
            return;
        }

        if (builder.Resources.OfType<AirflowDagsResource>().SingleOrDefault(d => d.Parent == airflow.Resource) is { } existing)
        {
            existing.Folder = folder;
            return;
        }

        var name = $"{airflow.Resource.Name}-{NameSuffix}";
        var healthCheckKey = $"{name}_check";
        var dags = builder.AddResource(new AirflowDagsResource(name, folder, airflow.Resource))
            .WithIconName("DocumentFolder")
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = ResourceType,
                State = KnownResourceStates.Starting,
                Properties = DagFolderProperties.Initial(folder),
            })
            .ExcludeFromManifest()
            .WithHealthCheck(healthCheckKey);

        DagFolderCommands.Add(dags);
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, _ => new DagFolderHealthCheck(dags.Resource), failureStatus: HealthStatus.Unhealthy, tags: null));

        dags.OnInitializeResource((resource, e, cancellationToken) =>
        {
            // Beside the app's start, never before it: the first check starts now and publishes when done.
            var monitor = new DagFolderMonitor(resource, e.Notifications, e.Services.GetRequiredService<ResourceLoggerService>(),
                IgnoreSyntaxes.DefaultFor(resource.Parent.Version.ToString()));
            resource.Monitor = monitor;
            CancellationToken stopping = e.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = Task.Run(() => monitor.RunAsync(stopping));
            return Task.CompletedTask;
        });
    }
}

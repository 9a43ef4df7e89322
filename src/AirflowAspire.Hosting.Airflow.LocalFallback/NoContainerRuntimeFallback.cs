using System.Runtime.CompilerServices;
using Aspire.Hosting.Eventing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AirflowAspire.Hosting.Airflow.LocalFallback;

/// <summary>
/// When no container runtime answers at start (run mode), replaces Aspire's Postgres, Redis and RabbitMQ
/// containers by <see cref="LocalServerResource"/>s of the same names, and the Airflow components by processes of
/// the <c>airflow</c> on PATH (<see cref="LocalAirflow"/>) or, without one, by resources that say what to install,
/// before the orchestrator reads the model. Other containers stay as Aspire leaves them.
/// </summary>
internal static class NoContainerRuntimeFallback
{
    public const string DataDirectoryKey = "AirflowAspire:LocalDataDirectory";

    /// <summary>What an Airflow resource's components show when neither a container runtime nor an <c>airflow</c> is there.</summary>
    public static string AirflowMessage(AirflowResource airflow) =>
        $"No container runtime answered and no 'airflow' is on PATH: install Docker or Podman, or Airflow {airflow.Version} locally, e.g. " +
        $"'python3 -m venv ~/airflow-venv && ~/airflow-venv/bin/pip install \"apache-airflow[celery,postgres,redis,fab]=={airflow.Version}\" " +
        $"--constraint <Airflow {airflow.Version}'s constraints file for your Python>', then put ~/airflow-venv/bin on PATH and start again.";

    private static readonly ConditionalWeakTable<IDistributedApplicationBuilder, object> Registered = [];

    /// <summary>Subscribes once per builder; see <see cref="LocalFallbackBuilderExtensions.UseLocalProcessesWithoutContainerRuntime"/>.</summary>
    public static void Register(IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsRunMode || !Registered.TryAdd(builder, new object()))
        {
            return;
        }

        var configuration = builder.Configuration;
        var appName = builder.Environment.ApplicationName;
        builder.Eventing.Subscribe<BeforeStartEvent>(async (e, ct) =>
        {
            if (await ContainerRuntimeProbe.FindAsync(configuration, ct).ConfigureAwait(false) is not null)
            {
                return;
            }

            await ApplyAsync(e.Model, e.Services, DataRoot(configuration, appName), ct).ConfigureAwait(false);
        });
    }

    private static string DataRoot(IConfiguration configuration, string appName)
    {
        var root = configuration[DataDirectoryKey] is { Length: > 0 } configured
            ? configured
            : Environment.IsPrivilegedProcess
                ? "/var/lib/airflowaspire"
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".airflowaspire");
        return Path.Combine(root, appName);
    }

    private static async Task ApplyAsync(DistributedApplicationModel model, IServiceProvider services, string dataRoot, CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("AirflowAspire.ContainerRuntime");
        var replaced = new List<string>();
        var healthChecks = services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        async Task Replace(IResource original, IReadOnlyList<IResource> children, Task<LocalServer> making)
        {
            var local = await making.ConfigureAwait(false);
            foreach (var removed in children.Prepend(original))
            {
                // A child (a Postgres database) is replaced by the companion of its name, when there is one.
                var replacement = local.Companions.FirstOrDefault(c => c.Resource.Name == removed.Name)?.Resource ?? local.Resource;
                model.Resources.Remove(removed);
                removed.Annotations.Add(new ResourceReplacementAnnotation(replacement, EndpointOf(replacement)));
                RedirectReferences(model, removed, replacement);
            }

            foreach (var added in local.Companions.Prepend(local))
            {
                model.Resources.Add(added.Resource);
                if (added.HealthCheck is { } check)
                {
                    healthChecks.Add(check);
                }
            }

            replaced.Add(local.Resource is ExecutableResource ? $"{original.Name} (local process)" : $"{original.Name} (unavailable)");
        }

        foreach (var postgres in model.Resources.OfType<PostgresServerResource>().ToList())
        {
            var databases = model.Resources.OfType<PostgresDatabaseResource>().Where(d => d.Parent == postgres).ToList();
            await Replace(postgres, databases, LocalPostgres.CreateAsync(postgres, databases, Path.Combine(dataRoot, postgres.Name), cancellationToken)).ConfigureAwait(false);
        }

        // A database runs once its server is healthy: the server's check has created it by then.
        var eventing = services.GetRequiredService<IDistributedApplicationEventing>();
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        foreach (var database in model.Resources.OfType<LocalDatabaseResource>())
        {
            eventing.Subscribe<ResourceReadyEvent>(database.Parent, (_, _) =>
                notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.Running }));
        }

        foreach (var redis in model.Resources.OfType<RedisResource>().ToList())
        {
            await Replace(redis, [], Task.FromResult(LocalRedis.Create(redis, Path.Combine(dataRoot, redis.Name)))).ConfigureAwait(false);
        }

        foreach (var rabbit in model.Resources.OfType<RabbitMQServerResource>().ToList())
        {
            await Replace(rabbit, [], LocalRabbitMQ.CreateAsync(rabbit, Path.Combine(dataRoot, rabbit.Name), cancellationToken)).ConfigureAwait(false);
        }

        // The migration check is a container; without one the local init migrates as it always did.
        foreach (var check in model.Resources.OfType<AirflowMigrationCheckResource>().ToList())
        {
            model.Resources.Remove(check);
        }

        var installation = LocalAirflowInstallation.Find();
        foreach (var component in model.Resources.OfType<AirflowComponentResource>().ToList())
        {
            var local = installation is null
                ? LocalServer.Unavailable(component.Name, AirflowMessage(component.Parent), component.Parent)
                : LocalAirflow.Create(component, installation, Path.Combine(dataRoot, component.Parent.Name));
            await Replace(component, [], Task.FromResult(local)).ConfigureAwait(false);
        }

        // Without a local Airflow, the Airflow resource itself says so too, instead of Running.
        foreach (var airflow in model.Resources.OfType<AirflowResource>().Where(_ => installation is null))
        {
            foreach (var snapshot in airflow.Annotations.OfType<ResourceSnapshotAnnotation>().ToList())
            {
                airflow.Annotations.Remove(snapshot);
                airflow.Annotations.Add(new ResourceSnapshotAnnotation(snapshot.InitialSnapshot with
                {
                    State = new ResourceStateSnapshot(UnavailableResource.State, KnownResourceStateStyles.Error),
                    Properties = [.. snapshot.InitialSnapshot.Properties, new("airflowaspire.message", AirflowMessage(airflow))],
                }));
            }
        }

        logger.LogWarning(
            "No container runtime answered (docker or podman 'info', or ASPIRE_CONTAINER_RUNTIME; {Setting}=none forces this). " +
            "Instead of containers this AppHost runs: {Replaced}{Airflow}. Install Docker or Podman to run everything in containers.",
            ContainerRuntimeProbe.SettingKey,
            replaced.Count == 0 ? "nothing" : string.Join(", ", replaced),
            installation is null ? "" : $"; Airflow from {installation.Executable} (Python {installation.Python})");
    }

    /// <summary>Where the replaced resource's clients connect now: its replacement's endpoint, when it has one.</summary>
    private static EndpointReference? EndpointOf(IResource replacement) => replacement switch
    {
        LocalServerResource server => server.Endpoint,
        LocalAirflowComponentResource component => component.HttpEndpoint,
        _ => null,
    };

    /// <summary>Waits and relationships on a removed resource now point at its replacement.</summary>
    private static void RedirectReferences(DistributedApplicationModel model, IResource removed, IResource replacement)
    {
        foreach (var resource in model.Resources)
        {
            foreach (var wait in resource.Annotations.OfType<WaitAnnotation>().Where(w => w.Resource == removed).ToList())
            {
                resource.Annotations.Remove(wait);
                if (replacement is not UnavailableResource)
                {
                    resource.Annotations.Add(new WaitAnnotation(replacement, wait.WaitType, wait.ExitCode));
                }
            }

            foreach (var relationship in resource.Annotations.OfType<ResourceRelationshipAnnotation>().Where(r => r.Resource == removed).ToList())
            {
                resource.Annotations.Remove(relationship);
                resource.Annotations.Add(new ResourceRelationshipAnnotation(replacement, relationship.Type));
            }
        }
    }
}

using System.Collections;
using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Orchestration.Processes;

/// <summary>
/// Runs workloads as local processes when there is no container runtime: each resource that carries a
/// <see cref="LocalProcessAnnotation"/> (Postgres, Redis and RabbitMQ from installed servers, Airflow from
/// an <c>airflow</c> on PATH), with its data in a state folder per replica.
/// </summary>
public sealed class ProcessRuntime : IWorkloadRuntime
{
    private const string RegistryFileName = ".process-runtime-pids.json";

    private readonly DistributedApplicationModel model;
    private readonly IReadOnlyDictionary<string, string> hostEnvironment;
    private readonly StateFolders folders;
    private readonly ProcessRegistry registry;
    private readonly ProcessTag runtimeTag;

    /// <param name="stateDirectory">The runtime's own folder; each replica gets a subfolder named after it.</param>
    /// <param name="hostEnvironment">The environment processes start from; the AppHost's by default.</param>
    public ProcessRuntime(DistributedApplicationModel model, string stateDirectory, IReadOnlyDictionary<string, string>? hostEnvironment = null)
    {
        this.model = model;
        this.hostEnvironment = hostEnvironment ?? CurrentEnvironment();
        folders = new StateFolders(stateDirectory, model.ApplicationName);
        registry = new ProcessRegistry(Path.Combine(folders.Root, RegistryFileName));
        runtimeTag = new ProcessTag(folders.Root, Owner: null);
    }

    public string Name => "process";

    /// <summary>
    /// True when the resource can run as a local process: its integration says how. The others cannot
    /// run without a container runtime (<see cref="ResourceState.RuntimeUnavailable"/>).
    /// </summary>
    public static bool HasLocalFallback(IResource resource) => resource.Annotations.OfType<LocalProcessAnnotation>().Any();

    public LocalConsumer Consumer => LocalConsumer.Host;

    public string? Unavailability(IResource resource)
    {
        if (resource.Annotations.OfType<LocalProcessAnnotation>().LastOrDefault() is not { } annotation)
        {
            return NoFallbackMessage(resource.Name, (resource as ContainerResource)?.Image.Reference);
        }

        return annotation.RequiredExecutable is { } required
               && ExecutableLookup.Find(required.Name, hostEnvironment.GetValueOrDefault("PATH")) is null
            ? required.MissingMessage(resource.Name)
            : null;
    }

    private static string NoFallbackMessage(string name, string? image) =>
        $"No container runtime: install docker or podman. There is no local process fallback for '{name}' " +
        $"({image ?? "no image"}), so it cannot run without one.";

    public Task<RuntimeAvailability> CheckAvailabilityAsync(CancellationToken cancellationToken) =>
        Task.FromResult(RuntimeAvailability.Available("local processes: servers installed on this machine, and airflow when on PATH"));

    /// <summary>Kills what a run that was killed left running: the processes it recorded, and all they started.</summary>
    public async Task PrepareAsync(string applicationName, string sessionId, CancellationToken cancellationToken)
    {
        var recorded = registry.StillRunning();
        await ProcessSweeper.KillUntilGoneAsync(() => recorded
            .Where(pid => ProcessStat.Read(pid) is { IsZombie: false })
            .SelectMany(pid => ProcessSweeper.Descendants(pid).Append(pid))
            .Concat(ProcessSweeper.FindTagged(runtimeTag))
            .Distinct()
            .ToList());
        registry.Clear();
    }

    public async Task<IRunningWorkload> StartAsync(WorkloadSpec spec, IWorkloadLog log, CancellationToken cancellationToken)
    {
        var resource = model.TryGet(spec.ResourceName, out var found)
            ? found!
            : throw new WorkloadStartException($"'{spec.ResourceName}' is not a resource of application '{model.ApplicationName}'.");
        var annotation = resource.Annotations.OfType<LocalProcessAnnotation>().LastOrDefault()
            ?? throw new WorkloadStartException(NoFallbackMessage(spec.InstanceName, spec.Image?.Reference), runtimeUnavailable: true);

        try
        {
            var start = LocalProcessStart.Prepare(annotation, resource, spec, hostEnvironment, folders, log);
            var tag = new ProcessTag(folders.Root, spec.InstanceName);
            await start.RunSetupAsync(tag.Child("setup"), log, cancellationToken);
            var process = ProcessLauncher.Start(start.MainLaunch(tag));
            registry.Add(spec.InstanceName, process.Id);
            return new RunningProcess(spec, start.Plan, process, tag, start.CommandLaunch(tag), log, registry);
        }
        catch (Exception e) when (e is not (WorkloadStartException or OperationCanceledException))
        {
            throw new WorkloadStartException($"'{spec.InstanceName}' could not be started as a local process: {e.Message}");
        }
    }

    /// <summary>Processes have no network to remove; this only makes sure none of this runtime's is left.</summary>
    public Task CleanupAsync(string applicationName, CancellationToken cancellationToken) =>
        ProcessSweeper.KillUntilGoneAsync(() => ProcessSweeper.FindTagged(runtimeTag));

    public Task RemoveVolumesAsync(string applicationName, CancellationToken cancellationToken)
    {
        foreach (var resource in model.Resources.Where(r => r.Annotations.OfType<LocalProcessAnnotation>().Any()))
        {
            folders.Remove(resource.Name);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The AppHost's environment without its parameters (Parameters__name, secrets meant for the AppHost,
    /// which a container would not see either) and without a tag it may have inherited itself.
    /// </summary>
    private static Dictionary<string, string> CurrentEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Select(e => (Name: (string)e.Key, Value: (string?)e.Value ?? string.Empty))
            .Where(e => e.Name != ProcessTag.Variable && !e.Name.StartsWith("Parameters__", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
}

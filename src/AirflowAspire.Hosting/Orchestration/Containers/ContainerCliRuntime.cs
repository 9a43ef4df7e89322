using AirflowAspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AirflowAspire.Hosting.Orchestration.Containers;

/// <summary>
/// Runs workloads as containers through the docker or podman CLI: one network per app, named
/// <c>{app}</c>, on which containers reach each other by resource name; host ports on 127.0.0.1; every
/// container, network and volume labelled with the app (and containers with the session), so a later run
/// finds what a killed one left behind.
/// </summary>
public sealed class ContainerCliRuntime : IWorkloadRuntime
{
    /// <summary>A first start may create the container's file system from a large image; that takes a while.</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    private readonly ContainerCli cli;
    private readonly ImagePuller images;
    private readonly AppNetwork network;
    private readonly AppVolumes volumes;
    private readonly ILogger logger;
    private RunIdentity? run;

    /// <param name="name">docker or podman: the CLI on PATH that runs the containers.</param>
    public ContainerCliRuntime(string name, ILogger? logger = null)
    {
        if (!ContainerRuntimeDetector.Candidates.Contains(name))
        {
            throw new ArgumentException($"The container runtime '{name}' is not supported; use docker or podman.", nameof(name));
        }

        Name = name;
        cli = new ContainerCli(name);
        this.logger = logger ?? NullLogger.Instance;
        images = new ImagePuller(cli);
        network = new AppNetwork(cli, this.logger);
        volumes = new AppVolumes(cli, this.logger);
    }

    public string Name { get; }

    public LocalConsumer Consumer => LocalConsumer.ContainerNetwork;

    /// <summary>Any container can run; what may fail (the pull, a port) fails at start.</summary>
    public string? Unavailability(IResource resource) => null;

    public Task<RuntimeAvailability> CheckAvailabilityAsync(CancellationToken cancellationToken) =>
        ContainerEngineCheck.CheckAsync(Name, cancellationToken);

    public async Task PrepareAsync(string applicationName, string sessionId, CancellationToken cancellationToken)
    {
        run = new RunIdentity(applicationName, sessionId);
        var leftovers = await ContainerNamesAsync(ContainerLabels.ApplicationFilter(applicationName), cancellationToken);
        if (leftovers.Count > 0)
        {
            await RemoveContainersAsync(leftovers, cancellationToken);
            logger.LogInformation(
                "Removed {Count} container(s) that an earlier run of {Application} left behind: {Containers}",
                leftovers.Count, applicationName, string.Join(", ", leftovers));
        }

        await network.EnsureAsync(applicationName, cancellationToken);
    }

    public async Task<IRunningWorkload> StartAsync(WorkloadSpec spec, IWorkloadLog log, CancellationToken cancellationToken)
    {
        var identity = run ?? throw new InvalidOperationException(
            "Call PrepareAsync before StartAsync: it sets the app and session that containers are labelled with.");
        var image = spec.Image?.Reference ?? throw new WorkloadStartException(
            $"Resource '{spec.ResourceName}' has no image to run. Give it one with WithImage(...) in the AppHost.");

        var environment = spec.Environment.Count > 0 ? EnvFile.Render(spec.ResourceName, Name, spec.Environment) : null;

        await images.EnsureAsync(spec.ResourceName, image, log, cancellationToken);
        await volumes.EnsureAsync(identity, spec, cancellationToken);

        var containerName = ContainerLabels.ContainerName(identity.ApplicationName, spec.InstanceName);
        using (var envFile = environment is null ? null : EnvFile.Write(environment))
        {
            await RunAsync(spec, containerName, RunArguments.Build(identity, spec, image, envFile?.Path), cancellationToken);
        }

        return new RunningContainer(cli, spec, containerName, log, logger);
    }

    public async Task CleanupAsync(string applicationName, CancellationToken cancellationToken)
    {
        if (run is { } identity && identity.ApplicationName == applicationName)
        {
            var left = await ContainerNamesAsync($"label={ContainerLabels.Session}={identity.SessionId}", cancellationToken);
            if (left.Count > 0)
            {
                await RemoveContainersAsync(left, cancellationToken);
            }
        }

        await network.RemoveAsync(applicationName, cancellationToken);
    }

    public Task RemoveVolumesAsync(string applicationName, CancellationToken cancellationToken) =>
        volumes.RemoveAllAsync(applicationName, cancellationToken);

    private async Task RunAsync(WorkloadSpec spec, string containerName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            CliResult result;
            try
            {
                result = await cli.RunAsync(arguments, cancellationToken, RunTimeout);
            }
            catch (OperationCanceledException)
            {
                await RemoveQuietlyAsync(containerName);
                throw;
            }
            catch (TimeoutException e)
            {
                await RemoveQuietlyAsync(containerName);
                throw new WorkloadStartException($"Resource '{spec.ResourceName}': {e.Message}");
            }

            if (result.Succeeded)
            {
                return;
            }

            // A run that failed may have created the container; a name conflict is a container an earlier
            // life of this replica left. Either way it goes.
            await RemoveQuietlyAsync(containerName);
            if (attempt == 1 && RunFailure.IsNameConflict(result.Message))
            {
                continue;
            }

            throw RunFailure.Describe(spec, Name, result.Message);
        }
    }

    private async Task<IReadOnlyList<string>> ContainerNamesAsync(string filter, CancellationToken cancellationToken)
    {
        var list = await cli.RunAsync(["ps", "--all", "--filter", filter, "--format", "{{.Names}}"], cancellationToken);
        ThrowIfFailed(list, "list containers");
        return Lines(list.StandardOutput);
    }

    private async Task RemoveContainersAsync(IReadOnlyList<string> containers, CancellationToken cancellationToken)
    {
        var remove = await cli.RunAsync(["rm", "--force", "--volumes", .. containers], cancellationToken);
        ThrowIfFailed(remove, $"remove the containers {string.Join(", ", containers)}");
    }

    private async Task RemoveQuietlyAsync(string containerName)
    {
        try
        {
            await cli.RunAsync(["rm", "--force", "--volumes", containerName], CancellationToken.None);
        }
        catch (Exception e) when (e is ContainerCliException or TimeoutException)
        {
            logger.LogWarning("Could not remove the container {Container}: {Message}", containerName, e.Message);
        }
    }

    private void ThrowIfFailed(CliResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new ContainerCliException($"{Name} could not {what}: {result.Message}");
        }
    }

    private static List<string> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}

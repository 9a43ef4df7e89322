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
        images = new ImagePuller(cli);
        this.logger = logger ?? NullLogger.Instance;
    }

    public string Name { get; }

    public LocalConsumer Consumer => LocalConsumer.ContainerNetwork;

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

        await EnsureNetworkAsync(applicationName, cancellationToken);
    }

    public async Task<IRunningWorkload> StartAsync(WorkloadSpec spec, IWorkloadLog log, CancellationToken cancellationToken)
    {
        var identity = run ?? throw new InvalidOperationException(
            "Call PrepareAsync before StartAsync: it sets the app and session that containers are labelled with.");
        var image = spec.Image?.Reference ?? throw new WorkloadStartException(
            $"Resource '{spec.ResourceName}' has no image to run. Give it one with WithImage(...) in the AppHost.");

        await images.EnsureAsync(spec.ResourceName, image, log, cancellationToken);
        await EnsureVolumesAsync(identity, spec, cancellationToken);

        var containerName = ContainerLabels.ContainerName(identity.ApplicationName, spec.InstanceName);
        using (var envFile = spec.Environment.Count > 0 ? EnvFile.Write(spec.ResourceName, Name, spec.Environment) : null)
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

        var owner = await cli.RunAsync(
            ["network", "inspect", "--format", $"{{{{index .Labels \"{ContainerLabels.Application}\"}}}}", applicationName], cancellationToken);
        if (!owner.Succeeded || owner.StandardOutput.Trim() != applicationName)
        {
            return;
        }

        var remove = await cli.RunAsync(["network", "rm", applicationName], cancellationToken);
        if (!remove.Succeeded)
        {
            logger.LogWarning(
                "Could not remove the network {Network}: {Message}. Remove it with `{Cli} network rm {Network}` once nothing uses it.",
                applicationName, remove.Message, Name, applicationName);
        }
    }

    public async Task RemoveVolumesAsync(string applicationName, CancellationToken cancellationToken)
    {
        var list = await cli.RunAsync(["volume", "ls", "--quiet", "--filter", ContainerLabels.ApplicationFilter(applicationName)], cancellationToken);
        ThrowIfFailed(list, $"list the volumes of {applicationName}");
        var volumes = Lines(list.StandardOutput);
        if (volumes.Count == 0)
        {
            return;
        }

        var remove = await cli.RunAsync(["volume", "rm", .. volumes], cancellationToken);
        if (!remove.Succeeded)
        {
            throw new ContainerCliException(
                $"{Name} could not remove the volumes of {applicationName} ({string.Join(", ", volumes)}): {remove.Message}. " +
                "Stop the application first: a volume in use by a container cannot be removed.");
        }

        logger.LogInformation("Removed the volumes of {Application}: {Volumes}", applicationName, string.Join(", ", volumes));
    }

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

    private async Task EnsureVolumesAsync(RunIdentity identity, WorkloadSpec spec, CancellationToken cancellationToken)
    {
        foreach (var volume in spec.Mounts.Where(m => m.Type == ContainerMountType.Volume).Select(m => m.Source).Distinct())
        {
            if ((await cli.RunAsync(["volume", "inspect", volume], cancellationToken)).Succeeded)
            {
                continue;
            }

            var create = await cli.RunAsync(
                [
                    "volume", "create",
                    "--label", $"{ContainerLabels.Application}={identity.ApplicationName}",
                    "--label", $"{ContainerLabels.Resource}={spec.ResourceName}",
                    volume,
                ],
                cancellationToken);
            if (!create.Succeeded && !create.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase))
            {
                throw new WorkloadStartException($"Resource '{spec.ResourceName}': {Name} could not create the volume '{volume}': {create.Message}");
            }
        }
    }

    private async Task EnsureNetworkAsync(string applicationName, CancellationToken cancellationToken)
    {
        if ((await cli.RunAsync(["network", "inspect", applicationName], cancellationToken)).Succeeded)
        {
            return;
        }

        var create = await cli.RunAsync(
            ["network", "create", "--label", $"{ContainerLabels.Application}={applicationName}", applicationName], cancellationToken);
        if (!create.Succeeded && !create.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase))
        {
            ThrowIfFailed(create, $"create the network {applicationName}");
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

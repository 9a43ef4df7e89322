using AirflowAspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Orchestration.Containers;

/// <summary>The app's named volumes: created labelled with the app before a container uses them, so --reset finds them all.</summary>
internal sealed class AppVolumes(ContainerCli cli, ILogger logger)
{
    public async Task EnsureAsync(RunIdentity run, WorkloadSpec spec, CancellationToken cancellationToken)
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
                    "--label", $"{ContainerLabels.Application}={run.ApplicationName}",
                    "--label", $"{ContainerLabels.Resource}={spec.ResourceName}",
                    volume,
                ],
                cancellationToken);
            if (!create.Succeeded && !create.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase))
            {
                throw new WorkloadStartException(
                    $"Resource '{spec.ResourceName}': {cli.Executable} could not create the volume '{volume}': {create.Message}");
            }
        }
    }

    public async Task RemoveAllAsync(string applicationName, CancellationToken cancellationToken)
    {
        var list = await cli.RunAsync(["volume", "ls", "--quiet", "--filter", ContainerLabels.ApplicationFilter(applicationName)], cancellationToken);
        if (!list.Succeeded)
        {
            throw new ContainerCliException($"{cli.Executable} could not list the volumes of {applicationName}: {list.Message}");
        }

        var volumes = list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (volumes.Length == 0)
        {
            return;
        }

        var remove = await cli.RunAsync(["volume", "rm", .. volumes], cancellationToken);
        if (!remove.Succeeded)
        {
            throw new ContainerCliException(
                $"{cli.Executable} could not remove the volumes of {applicationName} ({string.Join(", ", volumes)}): {remove.Message}. " +
                "Stop the application first: a volume in use by a container cannot be removed.");
        }

        logger.LogInformation("Removed the volumes of {Application}: {Volumes}", applicationName, string.Join(", ", volumes));
    }
}

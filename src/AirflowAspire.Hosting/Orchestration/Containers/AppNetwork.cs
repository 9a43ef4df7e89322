using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Orchestration.Containers;

/// <summary>The app's own network, named after the app: its containers reach each other on it by name.</summary>
internal sealed class AppNetwork(ContainerCli cli, ILogger logger)
{
    public async Task EnsureAsync(string applicationName, CancellationToken cancellationToken)
    {
        if (!(await cli.RunAsync(["network", "inspect", applicationName], cancellationToken)).Succeeded)
        {
            var create = await cli.RunAsync(
                ["network", "create", "--label", $"{ContainerLabels.Application}={applicationName}", applicationName], cancellationToken);
            if (!create.Succeeded && !create.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase))
            {
                throw new ContainerCliException($"{cli.Executable} could not create the network {applicationName}: {create.Message}");
            }
        }

        if (cli.Executable == "podman")
        {
            await WarnIfWithoutNamesAsync(applicationName, cancellationToken);
        }
    }

    /// <summary>Removes the network if this app made it; one that the user made is left alone.</summary>
    public async Task RemoveAsync(string applicationName, CancellationToken cancellationToken)
    {
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
                applicationName, remove.Message, cli.Executable, applicationName);
        }
    }

    // Podman's older CNI backend resolves no names unless the dnsname plugin is installed; netavark with
    // aardvark-dns does. Without it a single container works, but nothing that connects to another by name.
    private async Task WarnIfWithoutNamesAsync(string applicationName, CancellationToken cancellationToken)
    {
        var dns = await cli.RunAsync(["network", "inspect", "--format", "{{.DNSEnabled}}", applicationName], cancellationToken);
        if (dns.Succeeded && dns.StandardOutput.Trim() == "false")
        {
            logger.LogWarning(
                "Podman's network {Network} resolves no container names, so resources cannot reach each other by name. " +
                "Install netavark and aardvark-dns (Debian/Ubuntu: apt-get install netavark aardvark-dns), set network_backend = \"netavark\" " +
                "in containers.conf, and run `podman system reset`; or install the CNI dnsname plugin.",
                applicationName);
        }
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;

namespace AirflowAspire.Hosting.Publishing;

/// <summary>
/// The AppHost's configuration as its user supplied it: without the deployment state Aspire loads in publish mode
/// from <c>~/.aspire/deployments/{sha}/{environment}.json</c> (Aspire 13.6 adds it as a JSON stream, after the
/// command line, so it even hides a value given there; other versions as a JSON file). Aspire saves every parameter's value there, generated
/// ones included, so read as "supplied" those values would win over the secret value file and defeat
/// <c>--rotate-secrets</c>, and one publish's values would leak into every other output folder.
/// </summary>
public static class SuppliedConfiguration
{
    private static readonly string DeploymentStateFolder =
        Path.Combine(".aspire", "deployments") + Path.DirectorySeparatorChar;

    /// <summary>
    /// <paramref name="configuration"/> without its deployment state providers; <paramref name="configuration"/>
    /// itself when it has none or is not a configuration root.
    /// </summary>
    public static IConfiguration Of(IConfiguration configuration)
    {
        if (configuration is not IConfigurationRoot root || !root.Providers.Any(IsDeploymentState))
        {
            return configuration;
        }

        return new ConfigurationRoot(root.Providers.Where(p => !IsDeploymentState(p)).ToList());
    }

    /// <summary>A stream is how Aspire 13.6 loads the state, and nothing else in an AppHost configures itself from one.</summary>
    private static bool IsDeploymentState(IConfigurationProvider provider) => provider switch
    {
        StreamConfigurationProvider => true,
        FileConfigurationProvider { Source.FileProvider: PhysicalFileProvider files } =>
            (files.Root + Path.DirectorySeparatorChar).Contains(DeploymentStateFolder, StringComparison.Ordinal),
        _ => false,
    };
}

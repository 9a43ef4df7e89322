using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.FileProviders;

namespace AirflowAspire.Hosting.Publishing;

/// <summary>
/// The values of generated parameters that Aspire's local runs keep in the AppHost's user secrets. Aspire wrote
/// them, not the user, so a publish must not take them as supplied: they would win over the secret value file and
/// defeat <c>--rotate-secrets</c>. A value the user set there for a parameter without a generated default stays.
/// </summary>
public static class GeneratedUserSecrets
{
    /// <summary>
    /// <paramref name="configuration"/> with the user-secrets values of <paramref name="parameters"/>' generated
    /// ones hidden, where the user secrets are what gives them; <paramref name="configuration"/> itself otherwise.
    /// </summary>
    public static IConfiguration Hide(IConfiguration configuration, IEnumerable<ParameterResource> parameters)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return configuration;
        }

        var hidden = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in parameters.Where(p => p.Default is GenerateParameterDefault))
        {
            var key = $"Parameters:{parameter.Name}";
            if (root.Providers.Reverse().FirstOrDefault(p => p.TryGet(key, out _)) is { } winner && IsUserSecrets(winner))
            {
                hidden[key] = null;
            }
        }

        return hidden.Count == 0
            ? configuration
            : new ConfigurationRoot([.. root.Providers, new MemoryConfigurationProvider(new MemoryConfigurationSource { InitialData = hidden })]);
    }

    private static bool IsUserSecrets(IConfigurationProvider provider) =>
        provider is JsonConfigurationProvider { Source: { Path: "secrets.json", FileProvider: PhysicalFileProvider files } }
        && files.Root.Contains("usersecrets", StringComparison.OrdinalIgnoreCase);
}

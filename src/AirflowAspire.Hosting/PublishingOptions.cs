using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting;

/// <summary>
/// The publishing switches of the AppHost command line:
/// <c>--publisher NAME --output-path PATH [--namespace NS] [--name-prefix PREFIX] [--rotate-secrets]</c>.
/// </summary>
/// <param name="Publisher">The publisher's name; null for a local run.</param>
/// <param name="OutputPath">Where the publisher writes; the working directory when null.</param>
/// <param name="Namespace">The Kubernetes namespace everything is deployed to; null lets the publisher choose.</param>
/// <param name="NamePrefix">Prefixed to every object name, so two deployments can share one namespace.</param>
/// <param name="RotateSecrets">Generate new values for every generated secret instead of reusing the stored ones.</param>
public sealed record PublishingOptions(
    string? Publisher,
    string? OutputPath,
    string? Namespace = null,
    string? NamePrefix = null,
    bool RotateSecrets = false)
{
    /// <summary>The AppHost's configuration, where values of user-supplied secrets can be given when publishing.</summary>
    public IConfiguration? Configuration { get; init; }

    public static PublishingOptions From(IConfiguration configuration) => new(
        NullIfEmpty(configuration["publisher"]),
        NullIfEmpty(configuration["output-path"]),
        NullIfEmpty(configuration["namespace"]),
        NullIfEmpty(configuration["name-prefix"]),
        IsSet(configuration["rotate-secrets"]))
    {
        Configuration = configuration,
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static bool IsSet(string? value) => value is not null && !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);
}

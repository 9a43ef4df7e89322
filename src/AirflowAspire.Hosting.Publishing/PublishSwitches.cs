using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting.Publishing;

/// <summary>
/// The switches the kustomize and compose environments read from the AppHost's configuration (so from its
/// command line too): <c>[--namespace NS] [--name-prefix PREFIX] [--rotate-secrets]</c>, besides Aspire's own
/// <c>--output-path</c>.
/// </summary>
/// <param name="Publisher">The publisher's name; null for a local run.</param>
/// <param name="OutputPath">Where the publisher writes; the working directory when null.</param>
/// <param name="Namespace">The Kubernetes namespace everything is deployed to; null lets the publisher choose.</param>
/// <param name="NamePrefix">Prefixed to every object name, so two deployments can share one namespace.</param>
/// <param name="RotateSecrets">Generate new values for every generated secret instead of reusing the stored ones.</param>
public sealed record PublishSwitches(
    string? Publisher,
    string? OutputPath,
    string? Namespace = null,
    string? NamePrefix = null,
    bool RotateSecrets = false)
{
    /// <summary>The AppHost's configuration, where values of user-supplied secrets can be given when publishing.</summary>
    public IConfiguration? Configuration { get; init; }

    /// <param name="args">The command line, where a bare <c>--rotate-secrets</c> and the switches after one are read (configuration drops or misreads them).</param>
    public static PublishSwitches From(IConfiguration configuration, IReadOnlyList<string>? args = null) => new(
        NullIfEmpty(configuration["publisher"]),
        NullIfEmpty(configuration["output-path"]),
        ValueSwitch.Read(configuration, args, "namespace"),
        ValueSwitch.Read(configuration, args, "name-prefix"),
        BooleanSwitch.Read(configuration, args, "rotate-secrets"))
    {
        Configuration = configuration,
    };

    /// <summary>
    /// The switches as the user gave them: the configuration without Aspire's deployment state and without the
    /// generated values Aspire's local runs keep in user secrets (either would win over the secret value file and
    /// defeat rotation), and a bare <c>--rotate-secrets</c>, which .NET's command-line configuration drops, counted too.
    /// </summary>
    /// <param name="generatedSecrets">The secret parameters the publish writes, whose user-secrets values are set aside.</param>
    public static PublishSwitches Read(IConfiguration configuration, IReadOnlyList<string>? args, IEnumerable<ParameterResource> generatedSecrets)
    {
        return From(GeneratedUserSecrets.Hide(SuppliedConfiguration.Of(configuration), generatedSecrets), args);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

using AirflowAspire.Hosting.Publishing;
using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting.Compose;

/// <summary>
/// Renders model values as a service on the compose network sees them: other services by resource name and
/// container port, a secret as <c>${KEY}</c> from <c>.env</c>, a plain parameter as its value, and every literal
/// <c>$</c> doubled so compose leaves it alone.
/// </summary>
internal sealed class ComposeValues(IConfiguration configuration)
{
    private ValueRendering Rendering => new()
    {
        Host = resource => resource.Name,
        Secret = ComposeEnvFile.Interpolation,
        Parameter = parameter => Escape(PlainValue(parameter)),
        Literal = Escape,
    };

    public string Render(object? value) => ModelValues.Render(value, Rendering);

    /// <summary>Doubles <c>$</c>, compose's escape for a literal dollar sign.</summary>
    public static string Escape(string text) => text.Replace("$", "$$", StringComparison.Ordinal);

    /// <summary>A plain parameter's value: from configuration (<c>Parameters:{name}</c>), else its default.</summary>
    private string PlainValue(ParameterResource parameter) =>
        configuration[$"Parameters:{parameter.Name}"]
        ?? parameter.Default?.GetDefaultValue()
        ?? throw new DistributedApplicationException(
            $"The parameter '{parameter.Name}' has no value to publish; pass it with --Parameters:{parameter.Name}=... " +
            $"or the environment variable Parameters__{parameter.Name}.");
}

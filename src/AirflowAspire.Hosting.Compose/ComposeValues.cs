using AirflowAspire.Hosting.Publishing;

namespace AirflowAspire.Hosting.Compose;

/// <summary>
/// Renders model values as a service on the compose network sees them: other services by resource name and
/// container port, a secret as <c>${KEY}</c> from <c>.env</c>, a plain parameter as its value, and every literal
/// <c>$</c> doubled so compose leaves it alone.
/// </summary>
internal sealed class ComposeValues(PlainParameters parameters)
{
    private ValueRendering Rendering => new()
    {
        Host = resource => resource.Name,
        Secret = ComposeEnvFile.Interpolation,
        JsonEncodedSecret = ComposeEnvFile.JsonInterpolation,
        Parameter = parameter => Escape(parameters.ValueOf(parameter)),
        Literal = Escape,
    };

    public string Render(object? value) => ModelValues.Render(value, Rendering);

    /// <summary>Doubles <c>$</c>, compose's escape for a literal dollar sign.</summary>
    public static string Escape(string text) => text.Replace("$", "$$", StringComparison.Ordinal);
}

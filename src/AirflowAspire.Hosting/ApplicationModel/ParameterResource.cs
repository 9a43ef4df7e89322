namespace AirflowAspire.Hosting.ApplicationModel;

/// <summary>How a generated parameter value looks. Mirrors the manifest's <c>default.generate</c>.</summary>
public sealed record GenerateParameterDefault(int MinLength, bool Lower = true, bool Upper = true, bool Numeric = true, bool Special = false);

/// <summary>
/// A secret supplied at deployment time: generated when absent (passwords, keys), or one the user must
/// give. Plain settings are literal strings, not parameters, because Aspire tools fill every parameter
/// default with random text.
/// </summary>
public sealed class ParameterResource(string name, GenerateParameterDefault? generate) : Resource(name), IValueReference
{
    /// <summary>Null when the user must supply the value.</summary>
    public GenerateParameterDefault? Generate { get; } = generate;

    public bool IsSecret => true;

    public IEnumerable<IResource> ReferencedResources => [this];

    public string ToManifestExpression() => $"{{{Name}.value}}";

    public string ToLocalValue(LocalRenderContext context) => context.ParameterValue(this);

    public string ToClusterValue(ClusterRenderContext context) => context.ParameterValue(this);
}

namespace AirflowAspire.Hosting.ApplicationModel;

/// <summary>How a generated parameter value looks. Mirrors the manifest's <c>default.generate</c>.</summary>
public sealed record GenerateParameterDefault(int MinLength, bool Lower = true, bool Upper = true, bool Numeric = true, bool Special = false);

/// <summary>
/// A value supplied from outside the model. A secret is supplied at deployment time: generated when absent
/// (passwords, keys), or one the user must give; it appears in the manifest as a <c>parameter.v0</c>. A
/// plain setting is read from configuration when the model is built and written as literal text wherever
/// it is used, because Aspire tools fill every manifest parameter with random text.
/// </summary>
public sealed class ParameterResource : Resource, IValueReference
{
    private readonly string? plainValue;

    private ParameterResource(string name, bool secret, GenerateParameterDefault? generate, string? plainValue, bool isConnectionString = false)
        : base(name)
    {
        Secret = secret;
        IsConnectionString = isConnectionString;
        Generate = generate;
        this.plainValue = plainValue;
    }

    /// <summary>A secret; <paramref name="generate"/> is null when the user must supply the value.</summary>
    public static ParameterResource CreateSecret(string name, GenerateParameterDefault? generate) => new(name, true, generate, null);

    /// <summary>A connection string the user supplies (<c>ConnectionStrings:{name}</c>), e.g. of a database outside the model.</summary>
    public static ParameterResource CreateConnectionString(string name) => new(name, true, null, null, isConnectionString: true);

    /// <summary>A plain setting with the value configuration gave it.</summary>
    public static ParameterResource CreatePlain(string name, string value) => new(name, false, null, value);

    public bool Secret { get; }

    /// <summary>True for a connection string to something outside the model (Aspire's <c>AddConnectionString</c>).</summary>
    public bool IsConnectionString { get; }

    /// <summary>Null when the user must supply the value, and for plain settings.</summary>
    public GenerateParameterDefault? Generate { get; }

    public bool IsSecret => Secret;

    public IEnumerable<IResource> ReferencedResources => [this];

    public string ToManifestExpression() =>
        Secret ? $"{{{Name}.value}}" : plainValue!.Replace("{", "{{").Replace("}", "}}");

    public string ToLocalValue(LocalRenderContext context) => Secret ? context.ParameterValue(this) : plainValue!;

    public string ToClusterValue(ClusterRenderContext context) => Secret ? context.ParameterValue(this) : plainValue!;
}

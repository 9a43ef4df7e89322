using System.Runtime.CompilerServices;
using System.Text;

namespace AirflowAspire.Hosting.ApplicationModel;

/// <summary>
/// A string made of literal text and values that render themselves (endpoints, parameters, connection
/// strings). Build one with <see cref="Create"/> and an interpolated string.
/// </summary>
public sealed class ReferenceExpression : IValueReference
{
    private readonly IReadOnlyList<object> parts;

    private ReferenceExpression(IReadOnlyList<object> parts) => this.parts = parts;

    public static ReferenceExpression Empty { get; } = new([]);

    public static ReferenceExpression Create(in ReferenceExpressionInterpolatedStringHandler handler) =>
        new(handler.Parts);

    public static ReferenceExpression Literal(string text) => new([text]);

    public static ReferenceExpression Of(IValueReference value) =>
        value as ReferenceExpression ?? new([value]);

    /// <summary>The values inside this expression, in order.</summary>
    public IEnumerable<IValueReference> Values => parts.OfType<IValueReference>();

    /// <summary>True when the expression has no values, only literal text.</summary>
    public bool IsLiteral => !Values.Any();

    public bool IsSecret => Values.Any(v => v.IsSecret);

    public IEnumerable<IResource> ReferencedResources => Values.SelectMany(v => v.ReferencedResources);

    public string ToManifestExpression() =>
        Render(v => v.ToManifestExpression(), text => text.Replace("{", "{{").Replace("}", "}}"));

    public string ToLocalValue(LocalRenderContext context) => Render(v => v.ToLocalValue(context), text => text);

    public string ToClusterValue(ClusterRenderContext context) => Render(v => v.ToClusterValue(context), text => text);

    /// <summary>The literal text; throws when the expression holds values.</summary>
    public string ToLiteral() => IsLiteral
        ? Render(_ => string.Empty, text => text)
        : throw new InvalidOperationException($"'{ToManifestExpression()}' is not a literal.");

    /// <summary>Renders with any renderer: literal text and each value as the caller chooses.</summary>
    public string Render(Func<IValueReference, string> value, Func<string, string> literal)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(part is IValueReference reference ? value(reference) : literal((string)part));
        }

        return text.ToString();
    }

    public override string ToString() => ToManifestExpression();

    public static implicit operator ReferenceExpression(string text) => Literal(text);
}

/// <summary>Collects the parts of <c>ReferenceExpression.Create($"...")</c>.</summary>
[InterpolatedStringHandler]
public readonly struct ReferenceExpressionInterpolatedStringHandler
{
    private readonly List<object> parts;

    public ReferenceExpressionInterpolatedStringHandler(int literalLength, int formattedCount) =>
        parts = new List<object>(formattedCount * 2 + 1);

    internal IReadOnlyList<object> Parts => parts;

    public void AppendLiteral(string value) => parts.Add(value);

    public void AppendFormatted(string? value) => parts.Add(value ?? string.Empty);

    public void AppendFormatted(int value) =>
        parts.Add(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void AppendFormatted(IValueReference value) => parts.Add(value);

    public void AppendFormatted(ParameterResource value) => parts.Add(value);

    public void AppendFormatted(ReferenceExpression value) => parts.Add(value);

    public void AppendFormatted(EndpointReferenceExpression value) => parts.Add(value);
}

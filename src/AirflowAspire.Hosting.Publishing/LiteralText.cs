namespace AirflowAspire.Hosting.Publishing;

/// <summary>
/// Literal text inside a <see cref="ReferenceExpression"/> that holds braces, e.g. a JSON object's: its value is the
/// text, and in Aspire's manifest the braces are doubled, as the manifest's readers take a single brace for the start
/// of a placeholder. (An expression's own literal text would reach the manifest with single braces.)
/// </summary>
public sealed class LiteralText(string text) : IValueProvider, IManifestExpressionProvider
{
    public string Text { get; } = text;

    public string ValueExpression => Text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);

    public ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<string?>(Text);

    public ValueTask<string?> GetValueAsync(ValueProviderContext context, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<string?>(Text);
}

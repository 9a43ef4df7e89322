using System.Text;

namespace AirflowAspire.Hosting.Publishing;

/// <summary>
/// A value written inside a JSON string literal (between its quotes), e.g. a password in an Airflow connection's
/// JSON: its text with <c>"</c>, <c>\</c> and control characters escaped as RFC 8259 requires, and nothing else, so
/// the JSON stays valid whatever the value holds. A local run resolves and escapes it; a publisher that writes the
/// JSON escapes the settled value itself (a secret's escaped form is a derived secret of its own, never a file's
/// text); the manifest refers to the value's own placeholder.
/// </summary>
public sealed class JsonStringValue : IValueProvider, IManifestExpressionProvider, IValueWithReferences
{
    public JsonStringValue(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is not (IValueProvider and IManifestExpressionProvider))
        {
            throw new ArgumentException($"A {value.GetType().Name} cannot be written into JSON; use a parameter or a ReferenceExpression.", nameof(value));
        }

        Value = value;
    }

    /// <summary>The value before escaping: a parameter or an expression.</summary>
    public object Value { get; }

    public string ValueExpression => ((IManifestExpressionProvider)Value).ValueExpression;

    public IEnumerable<object> References => [Value];

    public async ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
        Escape(await ((IValueProvider)Value).GetValueAsync(cancellationToken).ConfigureAwait(false) ?? string.Empty);

    public async ValueTask<string?> GetValueAsync(ValueProviderContext context, CancellationToken cancellationToken = default) =>
        Escape(await ((IValueProvider)Value).GetValueAsync(context, cancellationToken).ConfigureAwait(false) ?? string.Empty);

    /// <summary>The text as the inside of a JSON string: <c>"</c> → <c>\"</c>, <c>\</c> → <c>\\</c>, control characters as <c>\uXXXX</c>.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    escaped.Append("\\\"");
                    break;
                case '\\':
                    escaped.Append("\\\\");
                    break;
                case < ' ':
                    escaped.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }

        return escaped.ToString();
    }
}

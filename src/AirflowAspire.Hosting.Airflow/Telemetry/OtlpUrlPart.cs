namespace AirflowAspire.Hosting.Airflow.Telemetry;

/// <summary>
/// One part of an OTLP URL Aspire resolves per caller (the dashboard's endpoint as a container reaches it), since
/// Airflow takes the collector as separate host, port and TLS options rather than a URL.
/// </summary>
internal sealed class OtlpUrlPart(IValueProvider url, OtlpUrlPart.Part part) : IValueProvider, IValueWithReferences
{
    public enum Part
    {
        Host,
        Port,
        SslActive,
    }

    public IEnumerable<object> References => [url];

    public async ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default) =>
        Of(await url.GetValueAsync(cancellationToken).ConfigureAwait(false));

    public async ValueTask<string?> GetValueAsync(ValueProviderContext context, CancellationToken cancellationToken = default) =>
        Of(await url.GetValueAsync(context, cancellationToken).ConfigureAwait(false));

    private string? Of(string? value)
    {
        if (value is null || !Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return null;
        }

        return part switch
        {
            Part.Host => uri.Host,
            Part.Port => uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => uri.Scheme == Uri.UriSchemeHttps ? "True" : "False",
        };
    }
}

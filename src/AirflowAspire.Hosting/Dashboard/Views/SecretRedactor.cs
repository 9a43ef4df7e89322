using AirflowAspire.Hosting.Orchestration;

namespace AirflowAspire.Hosting.Dashboard.Views;

/// <summary>
/// Masks the value of every secret variable of every resource wherever else it shows up: in arguments, state
/// messages, health check results and log lines. Only the reveal API returns a secret.
/// </summary>
internal sealed class SecretRedactor
{
    public const string Mask = "••••••";

    // Shorter values would mask ordinary words too ("true", a port number); real secrets are longer.
    private const int ShortestMaskedValue = 6;

    private readonly string[] secrets;

    private SecretRedactor(string[] secrets) => this.secrets = secrets;

    public static SecretRedactor From(IEnumerable<ResourceSnapshot> resources) => new(
        resources.SelectMany(r => r.Environment)
            .Where(v => v.IsSecret && v.Value.Length >= ShortestMaskedValue)
            .Select(v => v.Value)
            .Distinct(StringComparer.Ordinal)
            // Longest first, so a secret that contains another is masked whole.
            .OrderByDescending(v => v.Length)
            .ToArray());

    public string Redact(string text)
    {
        foreach (var secret in secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    public string? RedactOrNull(string? text) => text is null ? null : Redact(text);

    public LogLine Redact(LogLine line) => line with { Text = Redact(line.Text) };
}

using AirflowAspire.Hosting.Publishing;

namespace AirflowAspire.Hosting.Airflow;

/// <summary>
/// Resource names become container names, DNS names and Kubernetes object names, so they follow the
/// strictest of those rules: a lowercase RFC 1123 label.
/// </summary>
internal static class ResourceNames
{
    public const int MaxLength = DnsLabel.MaxLength;

    public static bool IsValid(string? name) => DnsLabel.IsValid(name);

    public static void ThrowIfInvalid(string name, string what = "resource")
    {
        if (IsValid(name))
        {
            return;
        }

        var suggestion = Sanitize(name);
        throw new DistributedApplicationException(
            $"The {what} name '{name}' is not valid: names must be 1-{MaxLength} characters of lowercase letters, digits " +
            "and '-', starting and ending with a letter or digit (a DNS-1123 label)" +
            (IsValid(suggestion) ? $". Try '{suggestion}'." : "."));
    }

    /// <summary>Turns any text into a valid label, or an empty string when nothing is left.</summary>
    public static string Sanitize(string? text) => DnsLabel.Sanitize(text);
}

using System.Text.RegularExpressions;

namespace AirflowAspire.Hosting.Airflow;

/// <summary>
/// Resource names become container names, DNS names and Kubernetes object names, so they follow the
/// strictest of those rules: a lowercase RFC 1123 label.
/// </summary>
internal static partial class ResourceNames
{
    public const int MaxLength = 63;

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && Dns1123Label().IsMatch(name);

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
    public static string Sanitize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var lowered = NotAllowed().Replace(text.ToLowerInvariant(), "-");
        lowered = Dashes().Replace(lowered, "-").Trim('-');
        return lowered.Length <= MaxLength ? lowered : lowered[..MaxLength].TrimEnd('-');
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("[^a-z0-9-]")]
    private static partial Regex NotAllowed();

    [GeneratedRegex("-{2,}")]
    private static partial Regex Dashes();
}

using System.Text.RegularExpressions;

namespace AirflowAspire.Hosting.Publishing;

/// <summary>
/// The DNS label of RFC 1123 that Kubernetes demands of most names (namespaces, object names, label values a name
/// becomes): 1-63 lowercase letters, digits and '-', starting and ending with a letter or digit.
/// </summary>
internal static partial class DnsLabel
{
    public const int MaxLength = 63;

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && Pattern().IsMatch(name);

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

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Pattern();

    [GeneratedRegex("[^a-z0-9-]")]
    private static partial Regex NotAllowed();

    [GeneratedRegex("-{2,}")]
    private static partial Regex Dashes();
}

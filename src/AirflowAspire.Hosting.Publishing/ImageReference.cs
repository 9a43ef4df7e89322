using System.Text.RegularExpressions;

namespace AirflowAspire.Hosting.Publishing;

/// <summary>Splits <c>[registry/]image[:tag]</c> the way container runtimes do.</summary>
internal sealed partial record ImageReference(string? Registry, string Image, string? Tag)
{
    public static ImageReference Parse(string reference, string resourceName)
    {
        if (string.IsNullOrWhiteSpace(reference) || reference.Any(char.IsWhiteSpace) || reference.Contains('@'))
        {
            throw new DistributedApplicationException(
                $"Resource '{resourceName}' was given the image '{reference}'; write it as [registry/]name[:tag], e.g. 'apache/airflow:3.2.2'.");
        }

        string? tag = null;
        var lastSlash = reference.LastIndexOf('/');
        var colon = reference.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = reference[(colon + 1)..];
            reference = reference[..colon];
            ThrowIfInvalidTag(tag, resourceName);
        }

        var firstSlash = reference.IndexOf('/');
        var first = firstSlash < 0 ? string.Empty : reference[..firstSlash];
        var hasRegistry = first.Contains('.') || first.Contains(':') || first == "localhost";
        return hasRegistry
            ? new ImageReference(first, reference[(firstSlash + 1)..], tag)
            : new ImageReference(null, reference, tag);
    }

    public static void ThrowIfInvalidTag(string tag, string resourceName)
    {
        if (!TagPattern().IsMatch(tag))
        {
            throw new DistributedApplicationException(
                $"Resource '{resourceName}' was given the image tag '{tag}'; a tag is 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();
}

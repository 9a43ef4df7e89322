using System.Text.RegularExpressions;

namespace AirflowAspire.Hosting.Orchestration.Containers;

/// <summary>
/// <c>logs --timestamps</c> puts an RFC 3339 time before every line the container wrote. The dashboard keeps
/// its own time, so the prefix goes; a line without it is the CLI's own message, not the container's.
/// </summary>
internal static partial class LogTimestamp
{
    /// <summary>The container's text without the prefix, or null for a line the CLI wrote itself.</summary>
    public static string? Strip(string line)
    {
        var match = Prefix().Match(line);
        return match.Success ? line[match.Length..] : null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2}) ?")]
    private static partial Regex Prefix();
}

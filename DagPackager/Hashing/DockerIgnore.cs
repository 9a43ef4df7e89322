using System.Text.RegularExpressions;

namespace AirflowAspire.DagPackager.Hashing;

/// <summary>
/// The rules of a project's .dockerignore, as Docker applies them: each line a glob relative to the
/// project folder (leading '/' and './' ignored, '#' lines are comments), '!' re-includes, the last
/// matching line wins, and a line that matches a folder matches everything in it.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Exclude)> rules;

    private DockerIgnore(List<(Regex Pattern, bool Exclude)> rules) => this.rules = rules;

    public static DockerIgnore None { get; } = new([]);

    /// <summary>True when some line re-includes (<c>!</c>): then an excluded folder must still be walked.</summary>
    public bool HasExceptions => rules.Any(r => !r.Exclude);

    public static DockerIgnore Load(string projectDirectory)
    {
        var file = Path.Combine(projectDirectory, ".dockerignore");
        return File.Exists(file) ? Parse(File.ReadAllLines(file)) : None;
    }

    public static DockerIgnore Parse(IEnumerable<string> lines)
    {
        var rules = new List<(Regex, bool)>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var exclude = !line.StartsWith('!');
            var pattern = Clean(exclude ? line : line[1..].Trim());
            if (pattern.Length == 0)
            {
                continue;
            }

            rules.Add((new Regex("^" + GlobRegex.Translate(pattern) + "$", RegexOptions.CultureInvariant), exclude));
        }

        return new DockerIgnore(rules);
    }

    /// <summary>Whether the '/'-separated path, relative to the project folder, stays out of the image.</summary>
    public bool IsExcluded(string relativePath)
    {
        var excluded = false;
        foreach (var (pattern, exclude) in rules)
        {
            if (MatchesOrParentMatches(pattern, relativePath))
            {
                excluded = exclude;
            }
        }

        return excluded;
    }

    private static bool MatchesOrParentMatches(Regex pattern, string path)
    {
        if (pattern.IsMatch(path))
        {
            return true;
        }

        for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            if (pattern.IsMatch(path[..slash]))
            {
                return true;
            }
        }

        return false;
    }

    // Docker cleans each pattern like a path: no leading '/', no './' or empty segments, '..' resolved.
    private static string Clean(string pattern)
    {
        var segments = new List<string>();
        foreach (var segment in pattern.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0)
            {
                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(segment);
        }

        return string.Join('/', segments);
    }
}

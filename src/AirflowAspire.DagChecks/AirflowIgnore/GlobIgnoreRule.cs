using System.Text.RegularExpressions;

namespace AirflowAspire.DagChecks.AirflowIgnore;

/// <summary>
/// A glob-syntax line, as Airflow's <c>_GlobIgnoreRule</c>: a gitignore pattern. One with a slash at the start or
/// in the middle is relative to the folder of its <c>.airflowignore</c>; one without matches the name at any depth.
/// Directories are matched with a trailing slash, so <c>build/</c> ignores folders only. <c>!</c> negates.
/// </summary>
public sealed class GlobIgnoreRule : IIgnoreRule
{
    private readonly Regex _regex;
    private readonly bool _ignores;
    private readonly string? _relativeTo;

    private GlobIgnoreRule(Regex regex, bool ignores, string? relativeTo)
    {
        _regex = regex;
        _ignores = ignores;
        _relativeTo = relativeTo;
    }

    /// <summary>The rule, or null for a line that matches nothing (a lone "/", blanks).</summary>
    /// <exception cref="FormatException">Not a valid gitignore pattern (Airflow fails on it too).</exception>
    public static GlobIgnoreRule? Compile(string pattern, string definitionDirectory)
    {
        if (pattern.Trim() == "/")
        {
            return null;
        }

        var translated = GitWildMatch.Translate(pattern);
        if (translated is null)
        {
            return null;
        }

        var relativeTo = pattern.StartsWith('/') || pattern.TrimEnd('/').Contains('/') ? definitionDirectory : null;
        return new GlobIgnoreRule(
            new Regex(translated.Value.Regex, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)),
            translated.Value.Include,
            relativeTo);
    }

    public bool? Match(string fullPath, bool isDirectory)
    {
        var relative = _relativeTo is null ? Path.GetFileName(fullPath) : RelativePaths.Of(_relativeTo, fullPath);
        if (isDirectory)
        {
            relative += "/";
        }

        return _regex.IsMatch(relative) ? _ignores : null;
    }
}

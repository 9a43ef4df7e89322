using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace AirflowAspire.DagPackager.Hashing;

/// <summary>How Airflow reads .airflowignore lines (<c>[core] dag_ignore_file_syntax</c>).</summary>
internal enum AirflowIgnoreSyntax
{
    /// <summary>Each line a regular expression searched in the path relative to the file's folder (Airflow 2's default).</summary>
    Regexp,

    /// <summary>gitignore-style globs, '!' re-includes, the last match wins (Airflow 3's default).</summary>
    Glob,
}

/// <summary>
/// The .airflowignore rules in force in one folder of a DAG or plugin tree: those of its own .airflowignore
/// and of every folder above it up to the tree's root, as Airflow's <c>find_path_from_directory</c> applies
/// them. Text after '#' is a comment, as in Airflow.
/// </summary>
internal sealed partial class AirflowIgnore
{
    public const string FileName = ".airflowignore";

    private readonly AirflowIgnoreSyntax syntax;
    private readonly ImmutableList<Rule> rules;

    private AirflowIgnore(AirflowIgnoreSyntax syntax, ImmutableList<Rule> rules) => (this.syntax, this.rules) = (syntax, rules);

    public static AirflowIgnore Empty(AirflowIgnoreSyntax syntax) => new(syntax, []);

    public static AirflowIgnoreSyntax SyntaxFor(string airflowVersion) =>
        int.TryParse(airflowVersion.Split('.')[0], out var major) && major >= 3 ? AirflowIgnoreSyntax.Glob : AirflowIgnoreSyntax.Regexp;

    /// <summary>The rules for a folder: these, plus its own .airflowignore if it has one.</summary>
    /// <param name="directory">The folder on disk.</param>
    /// <param name="relativeDirectory">Its '/'-separated path from the tree's root; "" for the root.</param>
    public AirflowIgnore Enter(string directory, string relativeDirectory)
    {
        var file = Path.Combine(directory, FileName);
        if (!File.Exists(file))
        {
            return this;
        }

        var added = File.ReadAllLines(file)
            .Select(line => Comment().Replace(line, string.Empty))
            .Where(line => line.Trim().Length > 0)
            .Select(line => syntax == AirflowIgnoreSyntax.Regexp ? RegexpRule(line, relativeDirectory) : GlobRule(line.Trim(), relativeDirectory))
            .OfType<Rule>();
        return new AirflowIgnore(syntax, rules.AddRange(added));
    }

    /// <summary>Whether Airflow skips this file or folder ('/'-separated path from the tree's root).</summary>
    public bool IsIgnored(string relativePath, bool isDirectory)
    {
        if (syntax == AirflowIgnoreSyntax.Regexp)
        {
            return rules.Any(rule => rule.Pattern.IsMatch(Relative(relativePath, rule.BaseDirectory)));
        }

        var ignored = false;
        foreach (var rule in rules)
        {
            if (rule.Pattern.IsMatch(Relative(relativePath, rule.BaseDirectory) + (isDirectory ? "/" : string.Empty)))
            {
                ignored = !rule.Negated;
            }
        }

        return ignored;
    }

    private static string Relative(string path, string baseDirectory) =>
        baseDirectory.Length == 0 ? path : path[(baseDirectory.Length + 1)..];

    private static Rule? RegexpRule(string line, string baseDirectory)
    {
        try
        {
            return new Rule(baseDirectory, new Regex(line, RegexOptions.CultureInvariant), Negated: false);
        }
        catch (ArgumentException)
        {
            return null; // Airflow skips a line that is not a valid regular expression, with a warning.
        }
    }

    // As pathspec's gitwildmatch, which Airflow uses: a pattern with no '/' but a trailing one matches at any
    // depth; a trailing '/' matches folders only; a match on a folder covers everything in it.
    private static Rule GlobRule(string line, string baseDirectory)
    {
        var negated = line.StartsWith('!');
        var pattern = negated ? line[1..] : line;
        var directoryOnly = pattern.EndsWith('/');
        pattern = pattern.TrimEnd('/');
        var anchored = pattern.Contains('/');
        pattern = pattern.TrimStart('/');
        var regex = "^" + (anchored ? string.Empty : "(?:.*/)?") + GlobRegex.Translate(pattern) + (directoryOnly ? "/.*" : "(?:/.*)?") + "$";
        return new Rule(baseDirectory, new Regex(regex, RegexOptions.CultureInvariant), negated);
    }

    private sealed record Rule(string BaseDirectory, Regex Pattern, bool Negated);

    [GeneratedRegex(@"\s*#.*")]
    private static partial Regex Comment();
}

using System.Text.RegularExpressions;

namespace AirflowAspire.DagChecks.AirflowIgnore;

/// <summary>
/// Reads one <c>.airflowignore</c> as Airflow does: lines split on newlines, everything from <c>#</c> on removed
/// (with the blanks before it), empty lines skipped, each line compiled in the chosen syntax. A pattern Airflow
/// would skip (a bad regexp) or fail on (a bad glob) is skipped and handed back: validate reports it as a finding.
/// </summary>
public static partial class AirflowIgnoreFile
{
    public const string FileName = ".airflowignore";

    /// <param name="path">The .airflowignore file.</param>
    /// <param name="dagFolder">The root of the DAG folder (regexp lines match paths relative to it).</param>
    /// <param name="invalid">Receives each invalid line; null to skip them silently.</param>
    public static IReadOnlyList<IIgnoreRule> Read(string path, string dagFolder, IgnoreSyntax syntax, ICollection<InvalidIgnoreLine>? invalid = null)
    {
        var file = RelativePaths.Of(dagFolder, path);
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        var rules = new List<IIgnoreRule>();
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var pattern = Comment().Replace(lines[index], string.Empty);
            if (pattern.Length == 0)
            {
                continue;
            }

            try
            {
                var rule = syntax == IgnoreSyntax.Regexp
                    ? RegexpIgnoreRule.Compile(pattern, dagFolder)
                    : (IIgnoreRule?)GlobIgnoreRule.Compile(pattern, Path.GetDirectoryName(path)!);
                if (rule is not null)
                {
                    rules.Add(rule);
                }
            }
            catch (ArgumentException e) when (syntax == IgnoreSyntax.Regexp)
            {
                invalid?.Add(new InvalidIgnoreLine(file, index + 1, syntax,
                    $"'{pattern}' is not a valid regular expression, so Airflow skips it: {e.Message}"));
            }
            catch (FormatException e)
            {
                invalid?.Add(new InvalidIgnoreLine(file, index + 1, syntax, $"{e.Message} Airflow stops listing the DAG folder on it."));
            }
        }

        return rules;
    }

    [GeneratedRegex(@"\s*#.*")]
    private static partial Regex Comment();
}

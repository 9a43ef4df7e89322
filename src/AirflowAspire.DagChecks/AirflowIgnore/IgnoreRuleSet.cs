namespace AirflowAspire.DagChecks.AirflowIgnore;

/// <summary>
/// The rules in force in one folder: those of every <c>.airflowignore</c> from the DAG folder down to it, in
/// order. The last rule with something to say decides, so a later "!" pattern takes a path back in.
/// </summary>
public sealed class IgnoreRuleSet
{
    public static IgnoreRuleSet Empty { get; } = new([]);

    private readonly IReadOnlyList<IIgnoreRule> _rules;

    private IgnoreRuleSet(IReadOnlyList<IIgnoreRule> rules) => _rules = rules;

    public IgnoreRuleSet With(IReadOnlyList<IIgnoreRule> more) => more.Count == 0 ? this : new([.. _rules, .. more]);

    /// <summary>The rules in force in <paramref name="folder"/>: these, its parent's, and those of its own .airflowignore if it has one.</summary>
    /// <param name="dagFolder">The root of the DAG (or plugins) folder.</param>
    /// <param name="invalid">Receives the invalid lines of that .airflowignore; null to skip them silently.</param>
    public IgnoreRuleSet Enter(string folder, string dagFolder, IgnoreSyntax syntax, ICollection<InvalidIgnoreLine>? invalid = null)
    {
        var file = Path.Combine(folder, AirflowIgnoreFile.FileName);
        return File.Exists(file) ? With(AirflowIgnoreFile.Read(file, dagFolder, syntax, invalid)) : this;
    }

    public bool IsIgnored(string fullPath, bool isDirectory)
    {
        var ignored = false;
        foreach (var rule in _rules)
        {
            if (rule.Match(fullPath, isDirectory) is { } verdict)
            {
                ignored = verdict;
            }
        }

        return ignored;
    }
}

namespace AirflowAspire.DagPackager.Validation.Discovery.Ignore;

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

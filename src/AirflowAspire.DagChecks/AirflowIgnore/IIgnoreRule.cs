namespace AirflowAspire.DagChecks.AirflowIgnore;

/// <summary>One line of an <c>.airflowignore</c>.</summary>
public interface IIgnoreRule
{
    /// <summary>True: the path is ignored; false: a negated rule takes it back in; null: the rule says nothing.</summary>
    bool? Match(string fullPath, bool isDirectory);
}

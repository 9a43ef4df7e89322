using System.Text.RegularExpressions;

namespace AirflowAspire.DagChecks.AirflowIgnore;

/// <summary>
/// A regexp-syntax line, as Airflow's <c>_RegexpIgnoreRule</c>: <c>re.search</c> over the path relative to the DAG
/// folder. Python's named groups (<c>(?P&lt;n&gt;...)</c>, <c>(?P=n)</c>) are accepted.
/// </summary>
public sealed partial class RegexpIgnoreRule : IIgnoreRule
{
    private readonly Regex _regex;
    private readonly string _baseDirectory;

    private RegexpIgnoreRule(Regex regex, string baseDirectory)
    {
        _regex = regex;
        _baseDirectory = baseDirectory;
    }

    /// <exception cref="ArgumentException">The pattern is not a valid regular expression.</exception>
    public static RegexpIgnoreRule Compile(string pattern, string baseDirectory)
    {
        var dotnet = PythonBackReference().Replace(PythonNamedGroup().Replace(pattern, "(?<"), @"\k<$1>");
        return new RegexpIgnoreRule(new Regex(dotnet, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), baseDirectory);
    }

    public bool? Match(string fullPath, bool isDirectory) =>
        _regex.IsMatch(RelativePaths.Of(_baseDirectory, fullPath)) ? true : null;

    [GeneratedRegex(@"\(\?P<")]
    private static partial Regex PythonNamedGroup();

    [GeneratedRegex(@"\(\?P=(\w+)\)")]
    private static partial Regex PythonBackReference();
}

namespace AirflowAspire.DagChecks.AirflowIgnore;

/// <summary>
/// The syntax of <c>.airflowignore</c> lines (Airflow's <c>[core] dag_ignore_file_syntax</c>): glob, Airflow 3's
/// default (gitignore-like), or regexp, Airflow 2's default (one regular expression per line).
/// </summary>
public enum IgnoreSyntax
{
    Glob,
    Regexp,
}

/// <summary>The syntaxes by the names Airflow's setting gives them, and each Airflow version's default.</summary>
public static class IgnoreSyntaxes
{
    public const string Glob = "glob";
    public const string Regexp = "regexp";

    public static string Name(this IgnoreSyntax syntax) => syntax == IgnoreSyntax.Regexp ? Regexp : Glob;

    public static IgnoreSyntax Parse(string name) => name switch
    {
        Glob => IgnoreSyntax.Glob,
        Regexp => IgnoreSyntax.Regexp,
        _ => throw new ArgumentException($"Unknown .airflowignore syntax '{name}': use {Glob} or {Regexp}.", nameof(name)),
    };

    /// <summary>The syntax an Airflow version reads when its setting is left alone: glob from 3.0 on, regexp before.</summary>
    public static IgnoreSyntax DefaultFor(string airflowVersion) =>
        int.TryParse(airflowVersion.Split('.')[0], out var major) && major >= 3 ? IgnoreSyntax.Glob : IgnoreSyntax.Regexp;
}

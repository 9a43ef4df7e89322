namespace AirflowAspire.DagPackager.Validation.Discovery.Ignore;

/// <summary>
/// The syntax of <c>.airflowignore</c> lines (Airflow's <c>[core] dag_ignore_file_syntax</c>): glob, Airflow 3's
/// default (gitignore-like), or regexp, Airflow 2's default (one regular expression per line).
/// </summary>
public enum IgnoreSyntax
{
    Glob,
    Regexp,
}

public static class IgnoreSyntaxNames
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
}

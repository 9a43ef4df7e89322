namespace AirflowAspire.DagChecks.AirflowIgnore;

/// <summary>
/// A line of an <c>.airflowignore</c> that is not a valid pattern: a bad regexp, which Airflow skips with a warning,
/// or a bad glob, on which Airflow stops listing the folder.
/// </summary>
/// <param name="File">The .airflowignore, relative to the DAG folder.</param>
/// <param name="Line">1-based.</param>
public sealed record InvalidIgnoreLine(string File, int Line, IgnoreSyntax Syntax, string Message);

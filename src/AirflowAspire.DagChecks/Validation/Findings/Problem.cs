namespace AirflowAspire.DagChecks.Validation.Findings;

/// <summary>
/// One finding. <paramref name="File"/> is relative to the DAG folder with forward slashes ("." for the folder
/// itself); line and column are 1-based, or null when the finding has no position.
/// </summary>
public sealed record Problem(string File, int? Line, int? Column, Severity Severity, string Code, string Message)
{
    public const string FolderItself = ".";

    /// <summary>A finding with the severity its code has in <see cref="ProblemCodes"/>.</summary>
    public static Problem Of(string code, string file, int? line, int? column, string message) =>
        new(file, line, column, ProblemCodes.SeverityOf(code), code, message);

    public string Location => (Line, Column) switch
    {
        (null, _) => File,
        ({ } line, null) => $"{File}:{line}",
        ({ } line, { } column) => $"{File}:{line}:{column}",
    };
}

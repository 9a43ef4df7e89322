namespace AirflowAspire.DagChecks.Validation.Findings;

/// <summary>What validate found: the DAGs and the problems, each sorted by file and position.</summary>
public sealed record ValidationReport(IReadOnlyList<DagDefinition> Dags, IReadOnlyList<Problem> Problems, int FilesChecked)
{
    public static ValidationReport Create(IEnumerable<DagDefinition> dags, IEnumerable<Problem> problems, int filesChecked) => new(
        dags.Distinct()
            .OrderBy(d => d.DagId, StringComparer.Ordinal)
            .ThenBy(d => d.File, StringComparer.Ordinal)
            .ThenBy(d => d.Line ?? 0)
            .ToList(),
        problems.Distinct()
            .OrderBy(p => p.File == Problem.FolderItself ? 0 : 1)
            .ThenBy(p => p.File, StringComparer.Ordinal)
            .ThenBy(p => p.Line ?? 0)
            .ThenBy(p => p.Column ?? 0)
            .ThenBy(p => p.Code, StringComparer.Ordinal)
            .ThenBy(p => p.Message, StringComparer.Ordinal)
            .ToList(),
        filesChecked);

    public int Count(Severity severity) => Problems.Count(p => p.Severity == severity);

    /// <summary>0 when clean; 1 with an error, or with a warning under --strict.</summary>
    public int ExitCode(bool strict) =>
        Count(Severity.Error) > 0 || (strict && Count(Severity.Warning) > 0) ? ExitCodes.ProblemsFound : ExitCodes.Clean;
}

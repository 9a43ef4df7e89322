using AirflowAspire.DagChecks.Validation.Findings;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AirflowAspire.Hosting.Airflow.Dags;

/// <summary>
/// The outcome of one check of a DAG folder as the dashboard shows it: healthy when clean, degraded with warnings
/// only, unhealthy with an error or when the check could not run (the summary says why).
/// </summary>
internal sealed record DagFolderCheck(
    HealthStatus Status,
    string Summary,
    IReadOnlyList<DagFinding> Findings,
    IReadOnlyList<string> DagIds,
    int FilesChecked,
    DateTime CheckedAt)
{
    /// <summary>True when the check could not run at all (no folder, no python3), rather than finding problems.</summary>
    public bool CouldNotRun { get; init; }

    /// <param name="knownDagIds">The DAG ids each file defined when it last could be read, for files that cannot be now.</param>
    public static DagFolderCheck From(ValidationReport report, IReadOnlyDictionary<string, IReadOnlyList<string>> knownDagIds, DateTime checkedAt)
    {
        var findings = report.Problems
            .Where(p => p.Severity != Severity.Info)
            .Select(p => new DagFinding(p.Location, p.Severity, p.Code, p.Message, DagIdsOf(p.File, report, knownDagIds)))
            .ToList();
        var errors = report.Count(Severity.Error);
        var warnings = report.Count(Severity.Warning);
        var status = errors > 0 ? HealthStatus.Unhealthy : warnings > 0 ? HealthStatus.Degraded : HealthStatus.Healthy;
        var dagIds = report.Dags.Select(d => d.DagId).Distinct(StringComparer.Ordinal).ToList();
        var summary = $"{report.FilesChecked} files checked, {dagIds.Count} DAGs: {errors} errors, {warnings} warnings";
        if ((findings.FirstOrDefault(f => f.Severity == Severity.Error) ?? findings.FirstOrDefault()) is { } first)
        {
            summary += $"; {first}";
        }

        return new DagFolderCheck(status, summary, findings, dagIds, report.FilesChecked, checkedAt);
    }

    public static DagFolderCheck CouldNotCheck(string reason, DateTime checkedAt) =>
        new(HealthStatus.Unhealthy, reason, [], [], 0, checkedAt) { CouldNotRun = true };

    /// <summary>The file's DAGs as found now, or, for a file that cannot be read now, as found when it last could.</summary>
    private static IReadOnlyList<string> DagIdsOf(string file, ValidationReport report, IReadOnlyDictionary<string, IReadOnlyList<string>> knownDagIds)
    {
        if (file == Problem.FolderItself)
        {
            return [];
        }

        var now = report.Dags.Where(d => d.File == file).Select(d => d.DagId).Distinct(StringComparer.Ordinal).ToList();
        return now.Count > 0 ? now : knownDagIds.GetValueOrDefault(file) ?? [];
    }
}

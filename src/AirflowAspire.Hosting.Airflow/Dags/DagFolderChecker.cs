using AirflowAspire.DagChecks.AirflowIgnore;
using AirflowAspire.DagChecks.Validation;

namespace AirflowAspire.Hosting.Airflow.Dags;

/// <summary>
/// Runs DagPackager's validation of a DAG folder (python3 compiles every file; DAG ids, duplicates, import-time
/// calls) and turns it into a <see cref="DagFolderCheck"/>. Remembers each file's DAG ids, so that a file broken
/// by an edit still names the DAGs it held.
/// </summary>
internal sealed class DagFolderChecker(IgnoreSyntax ignoreSyntax)
{
    private readonly Dictionary<string, IReadOnlyList<string>> knownDagIds = new(StringComparer.Ordinal);

    /// <exception cref="ValidationUsageException">The check cannot run: no folder, no python3, python3 failed.</exception>
    public async Task<DagFolderCheck> CheckAsync(string folder, CancellationToken cancellationToken)
    {
        var environment = ValidationEnvironment.FromProcess() with { ErrorIsTerminal = false };
        var settings = new ValidationSettings(folder, ignoreSyntax, InImage: null, Json: false, Strict: false);
        var report = await new DagValidator(environment, NoProgress.Instance).ValidateAsync(settings, cancellationToken).ConfigureAwait(false);
        var check = DagFolderCheck.From(report, knownDagIds, DateTime.UtcNow);
        foreach (var file in report.Dags.GroupBy(d => d.File))
        {
            knownDagIds[file.Key] = file.Select(d => d.DagId).Distinct(StringComparer.Ordinal).ToList();
        }

        return check;
    }
}

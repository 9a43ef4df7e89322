using System.Collections.Immutable;
using System.Globalization;

namespace AirflowAspire.Hosting.Airflow.Dags;

/// <summary>The dags resource's properties in the dashboard: the folder and what its latest check found.</summary>
internal static class DagFolderProperties
{
    public const string Folder = "dags.folder";
    public const string Files = "dags.files";
    public const string DagIds = "dags.ids";
    public const string Errors = "dags.errors";
    public const string Warnings = "dags.warnings";
    public const string Findings = "dags.findings";
    public const string Outcome = "dags.outcome";
    public const string CheckedAt = "dags.checked-at";

    public static ImmutableArray<ResourcePropertySnapshot> Initial(string folder) => [Property(Folder, "DAG folder", folder)];

    public static ImmutableArray<ResourcePropertySnapshot> Of(ImmutableArray<ResourcePropertySnapshot> current, string folder, DagFolderCheck check)
    {
        var ours = new[]
        {
            Property(Folder, "DAG folder", folder),
            Property(Outcome, "Check", check.Summary),
            Property(Files, "Files checked", check.FilesChecked.ToString(CultureInfo.InvariantCulture)),
            Property(DagIds, "DAG ids", string.Join(", ", check.DagIds)),
            Property(Errors, "Errors", Count(check, DagChecks.Validation.Findings.Severity.Error)),
            Property(Warnings, "Warnings", Count(check, DagChecks.Validation.Findings.Severity.Warning)),
            Property(Findings, "Findings", string.Join("\n", check.Findings.Select(f => f.ToString()))),
            Property(CheckedAt, "Checked at", check.CheckedAt.ToString("O", CultureInfo.InvariantCulture)),
        };
        var names = ours.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        return [.. current.Where(p => !names.Contains(p.Name)), .. ours];
    }

    private static string Count(DagFolderCheck check, DagChecks.Validation.Findings.Severity severity) =>
        check.Findings.Count(f => f.Severity == severity).ToString(CultureInfo.InvariantCulture);

    private static ResourcePropertySnapshot Property(string name, string displayName, string value) =>
        new(name, value) { DisplayName = displayName };
}

namespace AirflowAspire.Hosting.Airflow;

/// <summary>
/// The parts of an upgrade plan that only Airflow knows, the same for every output: the release a deployed image
/// stands for, the options the model sets that the deployed release reads otherwise, the DAG image lock, and how to
/// read the SQL its migration would run.
/// </summary>
internal static class AirflowUpgradeNotes
{
    /// <summary>The label (compose) or annotation (Kubernetes) naming the Airflow release a deployed object was made for.</summary>
    public const string VersionLabel = "airflowaspire.io/airflow-version";

    /// <summary>The migration's dry run: it reads the database's revision and prints the SQL from there to the image's head, submitting none.</summary>
    public static readonly string[] SqlPreviewArgs = ["db", "migrate", "--show-sql-only"];

    /// <summary>Airflow's refusal to print SQL from below its offline minimum (utils/db.py _revisions_above_min_for_offline).</summary>
    public const string BelowOfflineMinimum = "supported revision for offline migration is from";

    /// <summary>The release a deployed workload was made for: its <see cref="VersionLabel"/>, else its image's tag; null when neither is a version.</summary>
    public static AirflowVersion? DeployedVersion(string? label, string image, string airflowName)
    {
        var text = label ?? (image.LastIndexOf(':') is var colon and > 0 && colon > image.LastIndexOf('/') ? image[(colon + 1)..] : string.Empty);
        try
        {
            return AirflowVersion.Parse(text, airflowName);
        }
        catch (DistributedApplicationException)
        {
            return null;
        }
    }

    public static IEnumerable<string> OptionLines(AirflowResource airflow, AirflowVersion deployed)
    {
        var changes = airflow.ConfigOverrides
            .Select(o => AirflowConfigCatalog.ChangeBetween(o.Section, o.Option, deployed, airflow.Version))
            .OfType<string>().Distinct().ToList();
        return changes.Count == 0
            ? [$"  Options:  none of the options the model sets reads differently in {deployed}."]
            : ["  Options the model sets that the deployed release reads otherwise:", .. changes.Select(c => $"    - {c}")];
    }

    public static string DagImageLine(AirflowResource airflow) => "  DAG image: " +
        airflow.Annotations.OfType<AirflowDagImageLockAnnotation>().LastOrDefault() switch
        {
            null => "no DAG image lock; the model runs " + airflow.Image.Reference + ".",
            { LockedVersion: null, Path: var path } => $"the lock {path} names no Airflow version; check the image was built on {airflow.Version}.",
            { LockedVersion: var locked, Path: var path } when locked == airflow.Version => $"the lock {path} was built on Airflow {locked}: it matches.",
            { LockedVersion: var locked, Path: var path } => $"the lock {path} was built on Airflow {locked}, not {airflow.Version}: build and release the DAGs again.",
        };

    /// <summary>The SQL preview's output under a heading that says what it is: the SQL, Airflow's offline minimum, or a failure.</summary>
    public static IEnumerable<string> SqlLines(AirflowResource airflow, bool succeeded, string output)
    {
        var heading = succeeded
            ? $"  SQL the migration would run (`airflow {string.Join(' ', SqlPreviewArgs)}` with {airflow.Image.Reference} against the live database; nothing was submitted):"
            : output.Contains(BelowOfflineMinimum, StringComparison.Ordinal)
                ? "  SQL:      Airflow prints none for this range: its offline SQL starts at an Airflow 3.0.0 database (2.7.0 for Airflow 2); the migration itself runs as usual:"
                : $"  SQL:      the preview with {airflow.Image.Reference} failed, so the migration may too:";
        return [heading, .. output.TrimEnd().Split('\n').Select(l => $"    {l.TrimEnd('\r')}")];
    }
}

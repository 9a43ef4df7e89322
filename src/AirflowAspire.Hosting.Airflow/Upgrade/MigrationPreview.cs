using System.Text.RegularExpressions;

namespace AirflowAspire.Hosting.Airflow.Upgrade;

/// <summary>What <c>airflow db migrate --show-sql-only</c> said about the metadata database against the image's Airflow.</summary>
internal abstract record MigrationPreview
{
    /// <summary>The database is at the image's migration head: nothing to migrate.</summary>
    public sealed record UpToDate : MigrationPreview;

    /// <summary>No Airflow has migrated the database yet: the migration creates it, nothing can be lost.</summary>
    public sealed record FreshDatabase : MigrationPreview;

    /// <summary>An older Airflow migrated the database: the image's Airflow would migrate it from one revision to another.</summary>
    public sealed record Pending(string DatabaseRevision, string ImageRevision) : MigrationPreview;

    /// <summary>
    /// A newer Airflow migrated the database: the image's Airflow does not know its revision and cannot take it back
    /// (<c>airflow db migrate</c> only goes forward; alembic refuses a revision it cannot locate).
    /// </summary>
    public sealed record Newer(string DatabaseRevision, AirflowVersion MigratedBy) : MigrationPreview;

    /// <summary>
    /// Airflow was never asked: the container ended before its script ran (the image's entrypoint gave up waiting for
    /// the database) or did not start. The init would fail the same way; it starts as it did before there was a check.
    /// </summary>
    public sealed record NotAsked(string Reason) : MigrationPreview;

    /// <summary>Airflow answered, but with neither; why, for the dashboard.</summary>
    public sealed record Unknown(string Reason) : MigrationPreview;
}

/// <summary>
/// Reads the output of <c>airflow db migrate --show-sql-only</c>, as Airflow writes it: airflow-core's
/// <c>utils/db.py</c> <c>upgradedb(show_sql_only=True)</c> prints (<c>print_happy_cat</c>) "No migrations to apply;
/// nothing to do." when the database's revision is the image's head, else alembic's offline SQL from the database's
/// revision, in which alembic (<c>alembic/runtime/migration.py</c>, <c>MigrationContext.run_migrations</c>) writes
/// <c>-- Running upgrade &lt;from&gt; -&gt; &lt;to&gt;</c> before each step, <c>&lt;from&gt;</c> empty from the base (a database with no
/// revision). Airflow refuses to print SQL from below its offline minimum (Airflow 3.0.0's revision in Airflow 3, 2.7.0's
/// in Airflow 2): <c>_revisions_above_min_for_offline</c> (same file) raises "Error while checking history for revision
/// range &lt;min&gt;:&lt;rev&gt;. Check that &lt;rev&gt; is a valid revision", checking the database's revision first. "None" there is a
/// database with no revision (fresh). The same error names a revision the image's migrations do not hold at all, which
/// is also what a NEWER release's database looks like to it (<c>_revision_greater</c> walks the image's own revision
/// map): where Airflow's list of release heads (<see cref="AirflowRevisionHeads"/>) places the revision after the
/// image's release, a newer Airflow migrated the database; any other is an older release's database (e.g. Airflow 2's
/// under an Airflow 3 image): a migration is pending, its SQL unavailable.
/// </summary>
internal static partial class MigrationPreviewParser
{
    public const string NothingToDo = "No migrations to apply; nothing to do.";


    /// <param name="imageVersion">The Airflow release of the image that answered.</param>
    public static MigrationPreview Parse(IReadOnlyList<string> output, IReadOnlyList<string> errors, int exitCode, AirflowVersion imageVersion)
    {
        if (exitCode != 0)
        {
            var belowMinimum = output.Concat(errors).Select(l => BelowOfflineMinimum().Match(l)).FirstOrDefault(m => m.Success);
            return belowMinimum?.Groups["revision"].Value switch
            {
                "None" => new MigrationPreview.FreshDatabase(),
                { } revision when AirflowRevisionHeads.ReleaseOf(revision) is { } release && release.CompareTo(imageVersion) > 0 =>
                    new MigrationPreview.Newer(revision, release),
                { } revision => new MigrationPreview.Pending(revision, "the image's head (Airflow prints no SQL from below its offline minimum)"),
                null => new MigrationPreview.Unknown($"the check exited with {exitCode}{LastLine(errors.Count > 0 ? errors : output)}"),
            };
        }

        if (output.Any(l => l.Trim() == NothingToDo))
        {
            return new MigrationPreview.UpToDate();
        }

        var steps = output.Select(l => RunningUpgrade().Match(l)).Where(m => m.Success).ToList();
        if (steps.Count == 0)
        {
            return new MigrationPreview.Unknown($"the check printed neither \"{NothingToDo}\" nor any \"-- Running upgrade\" line");
        }

        var from = steps[0].Groups["from"].Value.Trim();
        return from.Length == 0
            ? new MigrationPreview.FreshDatabase()
            : new MigrationPreview.Pending(from, steps[^1].Groups["to"].Value.Trim());
    }

    private static string LastLine(IReadOnlyList<string> lines) =>
        lines.LastOrDefault(l => !string.IsNullOrWhiteSpace(l)) is { } last ? $": {last.Trim()}" : "";

    [GeneratedRegex(@"Error while checking history for revision range \S+:\S+\. Check that (?<revision>\S+) is a valid revision")]
    private static partial Regex BelowOfflineMinimum();

    /// <summary>alembic's <c>"-- Running %s" % step.short_log</c>: <c>upgrade a, b -&gt; c</c>, the revisions comma-separated.</summary>
    [GeneratedRegex(@"-- Running upgrade (?<from>.*?) ?-> (?<to>.+)$")]
    private static partial Regex RunningUpgrade();
}

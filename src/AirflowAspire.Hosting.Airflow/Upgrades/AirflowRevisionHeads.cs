namespace AirflowAspire.Hosting.Airflow;

/// <summary>
/// The migration head of each Airflow release that moved it, as Airflow lists them in airflow-core's
/// <c>utils/db.py</c> (<c>_REVISION_HEADS_MAP</c>): a release runs the head of the last entry at or before it. Used to
/// read which release migrated a database from the revision Airflow names when it cannot place it.
/// </summary>
internal static class AirflowRevisionHeads
{
    private static readonly IReadOnlyDictionary<string, AirflowVersion> Releases = new Dictionary<string, AirflowVersion>(StringComparer.Ordinal)
    {
        ["405de8318b3a"] = new(2, 7, 0),
        ["10b52ebd31f7"] = new(2, 8, 0),
        ["88344c1d9134"] = new(2, 8, 1),
        ["1949afb29106"] = new(2, 9, 0),
        ["686269002441"] = new(2, 9, 2),
        ["22ed7efa9da2"] = new(2, 10, 0),
        ["5f2621c13b39"] = new(2, 10, 3),
        ["29ce7909c52b"] = new(3, 0, 0),
        ["fe199e1abd77"] = new(3, 0, 3),
        ["2f49f2dae90c"] = new(3, 1, 0),
    };

    /// <summary>The first release whose migrations end at <paramref name="revision"/>; null for a revision not listed.</summary>
    public static AirflowVersion? ReleaseOf(string revision) => Releases.GetValueOrDefault(revision);
}

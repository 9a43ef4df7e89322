using System.Globalization;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// A dump of a database that deploy took before changing what migrates it, as the inventory records it: one line
/// <c>owner claim file from-version to-version taken-at</c> (UTC, ISO 8601) under its <c>snapshots</c> key.
/// </summary>
/// <param name="Owner">The resource whose database it is, e.g. <c>airflow</c>.</param>
/// <param name="Claim">The PersistentVolumeClaim holding <paramref name="File"/>.</param>
/// <param name="File">The dump's path inside the claim.</param>
/// <param name="FromVersion">The release that ran before the change.</param>
/// <param name="ToVersion">The release the change brings.</param>
internal sealed record DatabaseSnapshot(string Owner, string Claim, string File, string FromVersion, string ToVersion, DateTimeOffset TakenAt)
{
    public string ToLine() =>
        $"{Owner} {Claim} {File} {FromVersion} {ToVersion} {TakenAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}";

    /// <summary>The record's lines; a line that is not six fields is skipped (someone may have edited the record).</summary>
    public static IReadOnlyList<DatabaseSnapshot> ParseAll(string text) =>
        [.. text.Split('\n').Select(l => l.Trim().Split(' ')).Where(p => p.Length == 6)
            .Select(p => (Parts: p, Ok: DateTimeOffset.TryParse(p[5], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at), At: at))
            .Where(x => x.Ok)
            .Select(x => new DatabaseSnapshot(x.Parts[0], x.Parts[1], x.Parts[2], x.Parts[3], x.Parts[4], x.At))];

    /// <summary>The newest <paramref name="keep"/> of each owner's snapshots, oldest first: what the claim still holds.</summary>
    public static IReadOnlyList<DatabaseSnapshot> Newest(IEnumerable<DatabaseSnapshot> snapshots, int keep) =>
        [.. snapshots.GroupBy(s => s.Owner).SelectMany(g => g.OrderBy(s => s.TakenAt).TakeLast(keep)).OrderBy(s => s.TakenAt)];
}

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>What a rollback did: a line per restored database, how many objects it applied again, and what did not become ready after.</summary>
internal sealed record RollbackOutcome(IReadOnlyList<string> Restored, int Objects, IReadOnlyList<string> Failures)
{
    /// <summary>For the report, e.g. <c>rolled back to Airflow 3.1.0: database restored from /snapshots/x.dump, 12 objects restored</c>.</summary>
    public string Summary =>
        $"rolled back to {(Restored.Count > 0 ? string.Join("; ", Restored) : "the previous release")}, {Objects} objects restored" +
        (Failures.Count > 0 ? $"; but {Failures.Count} workload(s) did not become ready after the rollback either:\n" + string.Join("\n", Failures.Select(f => $"- {f}")) : string.Empty);
}

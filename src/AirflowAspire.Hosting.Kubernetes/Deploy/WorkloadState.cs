namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>Where a workload stands while deploy waits: ready, still on its way (with what it waits for), or failed for good.</summary>
internal abstract record WorkloadState(string Summary)
{
    public sealed record Ready(string Summary) : WorkloadState(Summary);

    public sealed record Progressing(string Summary) : WorkloadState(Summary);

    /// <summary>It cannot become ready without a change by the user; deploy stops waiting for it.</summary>
    public sealed record Failed(string Summary) : WorkloadState(Summary);
}

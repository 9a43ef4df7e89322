namespace AirflowAspire.DagChecks.Validation.Python;

/// <summary>
/// How long python3 may take over one file, and how much memory it may map, before that file is reported instead
/// of checked: one file must not hang or exhaust the whole check (nor the AppHost's folder monitor with it).
/// </summary>
public sealed record CheckLimits(TimeSpan FileTimeout, long MemoryBytes)
{
    public static readonly CheckLimits Default = new(TimeSpan.FromSeconds(30), 1L << 30);
}

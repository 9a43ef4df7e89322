namespace AirflowAspire.Hosting.Orchestration;

/// <summary>Keeps a snapshot's start-up timeline: opening a phase closes the one before.</summary>
internal static class PhaseTimeline
{
    public const string Waiting = "Waiting";
    public const string Starting = "Starting";
    public const string Healthy = "Healthy";
    public const string Running = "Running";

    public static ResourceSnapshot Begin(ResourceSnapshot snapshot, string phase, DateTimeOffset at)
    {
        if (snapshot.Timeline.LastOrDefault() is { End: null } open && open.Phase == phase)
        {
            return snapshot;
        }

        return snapshot with { Timeline = [.. Close(snapshot.Timeline, at), new PhaseSpan(phase, at, null)] };
    }

    public static ResourceSnapshot End(ResourceSnapshot snapshot, DateTimeOffset at) =>
        snapshot with { Timeline = Close(snapshot.Timeline, at) };

    private static IReadOnlyList<PhaseSpan> Close(IReadOnlyList<PhaseSpan> timeline, DateTimeOffset at) =>
        timeline.Count > 0 && timeline[^1].End is null
            ? [.. timeline.Take(timeline.Count - 1), timeline[^1] with { End = at }]
            : timeline;
}

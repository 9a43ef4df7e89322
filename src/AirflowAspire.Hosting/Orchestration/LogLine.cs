namespace AirflowAspire.Hosting.Orchestration;

/// <summary>One line of a resource's console output.</summary>
/// <param name="Sequence">Counts every line the resource ever wrote, from 1, dropped ones included.</param>
public sealed record LogLine(long Sequence, DateTimeOffset Timestamp, string Text, bool IsError);

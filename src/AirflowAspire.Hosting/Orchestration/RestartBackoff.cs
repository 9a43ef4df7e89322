namespace AirflowAspire.Hosting.Orchestration;

/// <summary>How long to wait before restarting a crashed resource: 1 s, doubling, at most 30 s.</summary>
internal static class RestartBackoff
{
    public static TimeSpan Delay(int restartsSoFar) =>
        TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(restartsSoFar, 5))));
}

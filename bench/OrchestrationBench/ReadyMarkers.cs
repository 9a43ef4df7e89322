namespace AirflowAspire.Bench.Orchestration;

/// <summary>
/// The line each server prints once it accepts clients. Its time splits "healthy" in two: how long the
/// server took to get ready, and how long its checks took to notice.
/// </summary>
internal static class ReadyMarkers
{
    private static readonly Dictionary<string, string> Lines = new()
    {
        [BenchModel.Postgres] = "database system is ready to accept connections",
        [BenchModel.Redis] = "Ready to accept connections",
        [BenchModel.RabbitMQ] = "Server startup complete",
    };

    public static bool SaysReady(string server, string line) => line.Contains(Lines[server], StringComparison.Ordinal);
}

namespace AirflowAspire.Bench.Orchestration;

/// <summary>
/// When, from the start of a round, each server's process was launched (its setup done), when it said it
/// was ready (<see cref="ReadyMarkers"/>) and when it was first healthy; the round's time is the last
/// server's healthy time.
/// </summary>
internal sealed class RoundTiming
{
    private readonly Dictionary<string, TimeSpan> launched = [];
    private readonly Dictionary<string, TimeSpan> ready = [];
    private readonly Dictionary<string, TimeSpan> healthy = [];
    private readonly Lock gate = new();

    public void Launched(string server, TimeSpan at)
    {
        lock (gate)
        {
            launched.TryAdd(server, at);
        }
    }

    public void Ready(string server, TimeSpan at)
    {
        lock (gate)
        {
            ready.TryAdd(server, at);
        }
    }

    public void Healthy(string server, TimeSpan at)
    {
        lock (gate)
        {
            healthy.TryAdd(server, at);
        }
    }

    public bool AllHealthy
    {
        get
        {
            lock (gate)
            {
                return BenchModel.Servers.All(healthy.ContainsKey);
            }
        }
    }

    public TimeSpan LaunchedAt(string server) => launched[server];

    /// <summary>Null when the server's output had no such line.</summary>
    public TimeSpan? ReadyAt(string server) => ready.TryGetValue(server, out var at) ? at : null;

    public TimeSpan HealthyAt(string server) => healthy[server];

    public TimeSpan AllHealthyAt => BenchModel.Servers.Max(HealthyAt);
}

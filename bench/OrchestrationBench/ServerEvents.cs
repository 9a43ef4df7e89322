using System.Diagnostics;

namespace AirflowAspire.Bench.Orchestration;

/// <summary>Notes into the round's timing when a baseline server was launched and when its output said it was ready.</summary>
internal sealed class ServerEvents(string server, RoundTiming timing, long roundStarted)
{
    public void Launched() => timing.Launched(server, Stopwatch.GetElapsedTime(roundStarted));

    public void OnOutput(string line)
    {
        if (ReadyMarkers.SaysReady(server, line))
        {
            timing.Ready(server, Stopwatch.GetElapsedTime(roundStarted));
        }
    }
}

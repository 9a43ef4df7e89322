using System.Diagnostics;
using AirflowAspire.Hosting;

namespace AirflowAspire.Bench.Orchestration;

/// <summary>
/// The baseline: the same three servers started directly and in parallel, each from its plan, timed from
/// the start until the last one's checks pass. Then each gets its stop signal, and whatever is left of the
/// round is killed.
/// </summary>
internal static class DirectRound
{
    public static async Task<RoundTiming> RunAsync(DistributedApplicationModel model, string stateDirectory, Func<ServiceUser> serviceUser, TimeSpan limit)
    {
        var host = RoundEnvironment.For(stateDirectory);
        var timing = new RoundTiming();
        using var cancel = new CancellationTokenSource(limit);
        var started = Stopwatch.GetTimestamp();
        var starts = BenchModel.Servers.Select(name => Task.Run(async () =>
        {
            var server = await DirectServer.StartHealthyAsync(
                model, name, stateDirectory, host, serviceUser, new ServerEvents(name, timing, started), cancel.Token);
            timing.Healthy(name, Stopwatch.GetElapsedTime(started));
            return server;
        })).ToList();

        try
        {
            await Task.WhenAll(starts);
        }
        finally
        {
            await Task.WhenAll(starts.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result.StopAsync()));
            await cancel.CancelAsync();
            await Task.WhenAll(starts).ContinueWith(_ => { }, TaskScheduler.Default);
            await Leftovers.KillAsync(stateDirectory);
        }

        return timing;
    }
}

namespace AirflowAspire.Bench.AspireStartup;

/// <summary>Runs a timed action several times and keeps the median, so one slow run on a busy machine does not decide.</summary>
internal static class Measurement
{
    public static async Task<TimeSpan> MedianAsync(int runs, Func<Task<TimeSpan>> run)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < runs; i++)
        {
            times.Add(await run());
        }

        times.Sort();
        return times[times.Count / 2];
    }

    public static string Seconds(TimeSpan time) => $"{time.TotalSeconds,8:0.00} s";
}

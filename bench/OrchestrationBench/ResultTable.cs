using System.Globalization;

namespace AirflowAspire.Bench.Orchestration;

/// <summary>Prints the medians of a <see cref="ComparisonRun"/>, ours against the baseline, as a plain-text table.</summary>
internal static class ResultTable
{
    public const double Goal = 1.10;

    public static void Print(ComparisonRun run, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"medians of {run.Rounds} rounds of each side after one warm-up round each; seconds from the start of a round");
        output.WriteLine();
        output.WriteLine($"{"",-22} {"ours",8} {"baseline",9} {"ours-base",10} {"ratio",7}");
        foreach (var server in BenchModel.Servers)
        {
            PrintRow(output, $"{server} launched", run, t => t.LaunchedAt(server));
        }

        foreach (var server in BenchModel.Servers)
        {
            PrintRow(output, $"{server} ready (log)", run, t => t.ReadyAt(server));
        }

        foreach (var server in BenchModel.Servers)
        {
            PrintRow(output, $"{server} healthy", run, t => t.HealthyAt(server));
        }

        var ratio = PrintRow(output, "all healthy", run, t => t.AllHealthyAt);
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"all healthy, ratio ours/baseline = {ratio:F2}: {(ratio <= Goal ? "meets" : "misses")} the goal (<= {Goal:F2})"));
        output.WriteLine($"each round, all healthy (s): ours {Series(run.Ours)}; baseline {Series(run.Baseline)}");
        output.WriteLine(run.LeftBehind.Count == 0
            ? "left behind after the rounds: nothing (no process of any round's state directory was alive after its stop)"
            : $"left behind after the rounds, then killed: {string.Join("; ", run.LeftBehind)}");
    }

    private static double PrintRow(TextWriter output, string label, ComparisonRun run, Func<RoundTiming, TimeSpan?> time)
    {
        var ours = Median(run.Ours.Select(time));
        var baseline = Median(run.Baseline.Select(time));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-22} {ours,8:F2} {baseline,9:F2} {ours - baseline,10:+0.00;-0.00} {ours / baseline,7:F2}"));
        return ours / baseline;
    }

    private static string Series(IEnumerable<RoundTiming> rounds) =>
        string.Join(' ', rounds.Select(t => t.AllHealthyAt.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)));

    /// <summary>Of the rounds that had the time; NaN when none had.</summary>
    private static double Median(IEnumerable<TimeSpan?> times)
    {
        var sorted = times.OfType<TimeSpan>().Select(t => t.TotalSeconds).Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[middle]
            : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

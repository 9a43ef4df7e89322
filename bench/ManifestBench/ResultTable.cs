using System.Globalization;

namespace AirflowAspire.Bench.Manifest;

/// <summary>Prints the medians of a <see cref="ComparisonRun"/> as a plain-text table.</summary>
internal static class ResultTable
{
    public static void Print(ComparisonRun run, TextWriter output)
    {
        output.WriteLine(
            $"{BenchShape.ContainerCount} containers x {BenchShape.EnvVarsPerContainer} env vars; " +
            $"medians of {run.MeasuredRuns} runs after {ComparisonRun.WarmupRuns} warm-up runs");
        output.WriteLine();
        output.WriteLine($"{"step",-8} {"ours ms",9} {"baseline ms",12} {"ratio",7} {"ours alloc",12} {"baseline alloc",15}");
        PrintRow(output, "build", run.OursBuild, run.BaselineBuild);
        PrintRow(output, "render", run.OursRender, run.BaselineRender);
        PrintRow(output, "total", run.OursTotal, run.BaselineTotal);
        output.WriteLine();
        output.WriteLine("ratio = ours / baseline (1.00 = as fast as hand-built JSON); alloc = bytes allocated per run;");
        output.WriteLine("total is the median of each run's build + render, so it need not equal the sum of the two medians");
    }

    private static void PrintRow(TextWriter output, string step, StepTimings ours, StepTimings baseline)
    {
        var ratio = ours.MedianMilliseconds / baseline.MedianMilliseconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{step,-8} {ours.MedianMilliseconds,9:F2} {baseline.MedianMilliseconds,12:F2} {ratio,7:F2} " +
            $"{Bytes(ours.MedianAllocatedBytes),12} {Bytes(baseline.MedianAllocatedBytes),15}"));
    }

    private static string Bytes(double bytes) =>
        bytes >= 1024 * 1024
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024):F2} MiB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:F1} KiB");
}

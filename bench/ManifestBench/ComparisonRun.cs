using System.Diagnostics;
using AirflowAspire.Hosting.Publishing.Manifest;

namespace AirflowAspire.Bench.Manifest;

/// <summary>Times both sides alternately in one process, so both see the same machine state.</summary>
internal sealed class ComparisonRun(string scratchDirectory)
{
    public const int WarmupRuns = 10;
    public const int MaxMeasuredRuns = 101;
    public static readonly TimeSpan MeasuringBudget = TimeSpan.FromSeconds(15);

    public StepTimings OursBuild { get; } = new();
    public StepTimings OursRender { get; } = new();
    public StepTimings OursTotal { get; } = new();
    public StepTimings BaselineBuild { get; } = new();
    public StepTimings BaselineRender { get; } = new();
    public StepTimings BaselineTotal { get; } = new();

    public int MeasuredRuns { get; private set; }

    /// <summary>True when both sides wrote the same text, i.e. the comparison is fair.</summary>
    public bool SameOutput()
    {
        var ours = ManifestRenderer.Render(ModelScenario.Build(scratchDirectory), scratchDirectory);
        return ours == HandBuiltManifest.Serialize(HandBuiltManifest.Build());
    }

    public void Execute()
    {
        for (var i = 0; i < WarmupRuns; i++)
        {
            RunOnce(record: false);
        }

        var budget = Stopwatch.StartNew();
        while (MeasuredRuns < MaxMeasuredRuns && budget.Elapsed < MeasuringBudget)
        {
            RunOnce(record: true);
            MeasuredRuns++;
        }
    }

    private void RunOnce(bool record)
    {
        SettleGarbageCollector();
        var oursBuild = Sample.Of(() => ModelScenario.Build(scratchDirectory), out var model);
        var oursRender = Sample.Of(() => ManifestRenderer.Render(model, scratchDirectory), out _);

        SettleGarbageCollector();
        var baselineBuild = Sample.Of(HandBuiltManifest.Build, out var manifest);
        var baselineRender = Sample.Of(() => HandBuiltManifest.Serialize(manifest), out _);

        if (record)
        {
            OursBuild.Add(oursBuild);
            OursRender.Add(oursRender);
            OursTotal.Add(oursBuild + oursRender);
            BaselineBuild.Add(baselineBuild);
            BaselineRender.Add(baselineRender);
            BaselineTotal.Add(baselineBuild + baselineRender);
        }
    }

    // Garbage left by one side would otherwise be collected during the other side's timing.
    private static void SettleGarbageCollector()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}

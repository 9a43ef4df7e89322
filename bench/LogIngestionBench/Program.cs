using System.Diagnostics;
using AirflowAspire.Bench.LogIngestion;
using AirflowAspire.Hosting.Orchestration;

// Log ingestion: lines per second into the dashboard's per-resource buffers, and the memory they hold
// after 1 million lines, against a baseline measured in the same run: the same lines stored into a plain
// string ring of the same capacity (no timestamps, no sequence numbers, no locking, no watchers).
const int Lines = 1_000_000;
const int Resources = 10;
const int Rounds = 5;

var lines = SyntheticLog.Create(count: 50_000);
Console.WriteLine($"{Lines:N0} lines of {lines.Average(l => l.Length):0} characters on average, over {Resources} resources; capacity {ResourceLogService.DefaultLinesPerResource:N0} lines each");

var ours = new List<double>();
var baseline = new List<double>();
long oursBytes = 0, baselineBytes = 0;
for (var round = 0; round < Rounds + 1; round++)
{
    var (oursSeconds, oursHeld) = Measure(() =>
    {
        var service = new ResourceLogService();
        for (var i = 0; i < Lines; i++)
        {
            service.Write($"resource-{i % Resources}", lines[i % lines.Length], isError: (i & 7) == 0);
        }

        return service;
    });
    var (baselineSeconds, baselineHeld) = Measure(() =>
    {
        var rings = Enumerable.Range(0, Resources).Select(_ => new PlainRing(ResourceLogService.DefaultLinesPerResource)).ToArray();
        for (var i = 0; i < Lines; i++)
        {
            rings[i % Resources].Add(lines[i % lines.Length]);
        }

        return rings;
    });

    if (round == 0)
    {
        continue; // warm-up
    }

    ours.Add(Lines / oursSeconds);
    baseline.Add(Lines / baselineSeconds);
    oursBytes = oursHeld;
    baselineBytes = baselineHeld;
}

var oursMedian = Median(ours);
var baselineMedian = Median(baseline);
Console.WriteLine();
Console.WriteLine($"{"",-10} {"lines/s (median of " + Rounds + ")",28} {"held after 1M lines",22}");
Console.WriteLine($"{"ours",-10} {oursMedian,28:N0} {oursBytes / 1048576.0,19:0.0} MiB");
Console.WriteLine($"{"baseline",-10} {baselineMedian,28:N0} {baselineBytes / 1048576.0,19:0.0} MiB");
Console.WriteLine($"ratio (ours / baseline): throughput {oursMedian / baselineMedian:0.00}, memory {(double)oursBytes / baselineBytes:0.00}");

static (double Seconds, long HeldBytes) Measure(Func<object> fill)
{
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    var before = GC.GetTotalMemory(forceFullCollection: true);
    var watch = Stopwatch.StartNew();
    var kept = fill();
    watch.Stop();
    var held = GC.GetTotalMemory(forceFullCollection: true) - before;
    GC.KeepAlive(kept);
    return (watch.Elapsed.TotalSeconds, held);
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

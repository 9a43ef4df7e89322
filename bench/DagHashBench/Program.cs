using System.Diagnostics;
using System.Globalization;
using AirflowAspire.Bench.DagHash;
using AirflowAspire.DagPackager.Build;
using AirflowAspire.DagPackager.Hashing;

// DAG hashing: files per second through DagPackager's content hash and build-context writing (every file read,
// hashed and copied into a fresh context folder) against `tar -cf - dags | sha256sum` over the same tree in
// the same run. Warm page cache for both (one warm-up round each); rounds alternate; medians. The tree and the
// context live in the temp folder ($TMPDIR): on a disk, creating 10,000 files is most of the context's cost.
var files = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
const int Rounds = 5;

var project = SyntheticProject.Create(files);
var airflow = AirflowVersionSource.Parse("3.2.2", "the benchmark");
Settle();
try
{
    var bytes = Directory.EnumerateFiles(Path.Combine(project, "dags"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
    Console.WriteLine($"{files:N0} DAG files in {SyntheticProject.Folders} folders, {bytes / 1048576.0:0.0} MiB, under {Path.GetTempPath()}; {Environment.ProcessorCount} cores; medians of {Rounds} rounds after a warm-up");

    var hashOnly = new List<double>();
    var context = new List<double>();
    var baseline = new List<double>();
    string? firstHash = null;
    for (var round = 0; round <= Rounds; round++)
    {
        var watch = Stopwatch.StartNew();
        var content = ProjectScanner.Scan(project, airflowIgnore: null);
        ContentHasher.HashAndCopy(content, contextDirectory: null, ["bench"]);
        var hashSeconds = watch.Elapsed.TotalSeconds;

        var output = Path.Combine(Path.GetTempPath(), $"dag-hash-bench-context-{Environment.ProcessId}");
        Settle();
        watch.Restart();
        var written = BuildContextWriter.Write(project, "bench", airflow, output);
        var contextSeconds = watch.Elapsed.TotalSeconds;
        Directory.Delete(output, recursive: true);

        Settle();
        var (tarElapsed, _) = TarBaseline.Run(project);
        firstHash ??= written.Hash.Hex;
        if (written.Hash.Hex != firstHash || written.Hash.FileCount != files)
        {
            throw new InvalidOperationException("The content hash changed between rounds over the same tree.");
        }

        if (round == 0)
        {
            continue; // warm-up: page cache, JIT
        }

        hashOnly.Add(files / hashSeconds);
        context.Add(files / contextSeconds);
        baseline.Add(files / tarElapsed.TotalSeconds);
    }

    var baselineMedian = Median(baseline);
    Console.WriteLine();
    Console.WriteLine($"{"",-34} {"files/s",10} {"ms",8} {"ratio",7}");
    Row("ours: hash only (scan + hash)", Median(hashOnly));
    Row("ours: hash + write context", Median(context));
    Row("baseline: tar -cf - | sha256sum", baselineMedian);
    Console.WriteLine();
    Console.WriteLine("ratio = files/s over the baseline's (above 1.00 is faster than tar + sha256sum; the goal is the context row)");

    void Row(string name, double filesPerSecond) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-34} {filesPerSecond,10:N0} {files / filesPerSecond * 1000,8:F1} {filesPerSecond / baselineMedian,7:F2}"));
}
finally
{
    Directory.Delete(project, recursive: true);
}

// Writes back what earlier rounds left (deleted contexts among them), so no side pays for the other's I/O.
static void Settle() => Process.Start("sync")!.WaitForExit();

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

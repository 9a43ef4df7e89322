using System.Diagnostics;
using System.Globalization;
using AirflowAspire.Bench.DagHash;
using AirflowAspire.DagPackager.Build;
using AirflowAspire.DagPackager.Hashing;

// DAG hashing: files per second through DagPackager's content hash and build-context writing (every file read once
// and hashed, and put into a fresh context folder) against `tar -cf - dags | sha256sum` over the same tree in the
// same run. The context is written two ways: as `build` writes the one it builds and deletes (hard links to the
// project's files, both being in the temp folder), and as it writes a kept one (--output: copies). Warm page cache
// for all (one warm-up round each); rounds alternate; medians. The tree and the contexts live in the temp folder
// ($TMPDIR): on a disk, creating 10,000 files is most of the cost of copies.
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
    var linked = new List<double>();
    var copied = new List<double>();
    var baseline = new List<double>();
    string? firstHash = null;
    for (var round = 0; round <= Rounds; round++)
    {
        var watch = Stopwatch.StartNew();
        var content = ProjectScanner.Scan(project, airflowIgnore: null);
        ContentHasher.HashAndWrite(content, contextDirectory: null, ["bench"]);
        var hashSeconds = watch.Elapsed.TotalSeconds;

        // As build: a new temporary context, files linked where they can be, deleted after (not timed).
        Settle();
        watch.Restart();
        var withLinks = BuildContextWriter.Write(project, "bench", airflow, outputDirectory: null, hardLinks: true);
        var linkedSeconds = watch.Elapsed.TotalSeconds;
        Directory.Delete(withLinks.Directory, recursive: true);

        // As build --output: a kept context, so copies.
        var output = Path.Combine(Path.GetTempPath(), $"dag-hash-bench-context-{Environment.ProcessId}");
        Settle();
        watch.Restart();
        var withCopies = BuildContextWriter.Write(project, "bench", airflow, output);
        var copiedSeconds = watch.Elapsed.TotalSeconds;
        Directory.Delete(output, recursive: true);

        Settle();
        var (tarElapsed, _) = TarBaseline.Run(project);
        firstHash ??= withLinks.Hash.Hex;
        if (withLinks.Hash.Hex != firstHash || withCopies.Hash.Hex != firstHash || withLinks.Hash.FileCount != files)
        {
            throw new InvalidOperationException("The content hash changed between rounds or ways over the same tree.");
        }

        if (round == 0)
        {
            continue; // warm-up: page cache, JIT
        }

        hashOnly.Add(files / hashSeconds);
        linked.Add(files / linkedSeconds);
        copied.Add(files / copiedSeconds);
        baseline.Add(files / tarElapsed.TotalSeconds);
    }

    var baselineMedian = Median(baseline);
    Console.WriteLine();
    Console.WriteLine($"{"",-34} {"files/s",10} {"ms",8} {"ratio",7}");
    Row("ours: hash only (scan + hash)", Median(hashOnly));
    Row("ours: hash + context (links)", Median(linked));
    Row("ours: hash + context (copies)", Median(copied));
    Row("baseline: tar -cf - | sha256sum", baselineMedian);
    Console.WriteLine();
    Console.WriteLine("ratio = files/s over the baseline's (above 1.00 is faster than tar + sha256sum; the goal is the links row, what build does)");

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

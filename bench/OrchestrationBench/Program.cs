using System.Globalization;
using System.Runtime.Versioning;
using AirflowAspire.Bench.Orchestration;

// Unix file modes and owners, signals and /proc: the process runtime's servers run on Linux here.
[assembly: SupportedOSPlatform("linux")]

// Orchestration overhead: the time until Postgres, Redis and RabbitMQ, run by the process runtime under the
// real Orchestrator, are all healthy, against starting the same servers from the same plans directly and in
// parallel, in the same run. Usage: dotnet run -c Release --project bench/OrchestrationBench [rounds, default 5]
var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
if (!OperatingSystem.IsLinux())
{
    Console.Error.WriteLine("The process runtime's servers are found and cleaned up through /proc: run this on Linux.");
    return 1;
}

Console.WriteLine($"{Environment.ProcessorCount} cores; load average at start: {LoadAverage()}");
using var folders = new BenchFolders();
var run = new ComparisonRun(folders, rounds, Console.Out);
await run.ExecuteAsync();
ResultTable.Print(run, Console.Out);
Console.WriteLine($"load average at end: {LoadAverage()}");
return 0;

static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

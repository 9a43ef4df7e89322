using AirflowAspire.Bench.LocalStack;

// The default AppHost's local run: start to every component healthy, and the stack's memory once healthy, against
// the same AppHost's Postgres and Redis alone started in the same process (bench/README.md).
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: LocalStackBench [--runs N] [--stand-in]");
    return 2;
}

Console.WriteLine($"LocalStackBench: the default AppHost, {options.Runs} run(s), each against its Postgres and Redis alone, measured alternately.");
var missing = await StackImages.MissingAsync(options);
if (missing.Count > 0)
{
    Console.WriteLine($"skipped: {string.Join(", ", missing)} not in the local container engine (`docker image inspect` finds none), and none can be pulled here. Pull or `docker load` them to measure real Airflow, or pass --stand-in to check the benchmark's wiring on the test images.");
    return 0;
}

if (options.StandIn)
{
    Console.WriteLine("--stand-in: every container runs a test image (tests/images), the Airflow components the stand-in, not Airflow: the numbers prove the wiring only.");
}

var runs = new List<(StackRun Stack, StackRun Baseline)>();
for (var i = 0; i < options.Runs; i++)
{
    var baseline = await StackRun.MeasureAsync(options, dataServicesOnly: true);
    var stack = await StackRun.MeasureAsync(options, dataServicesOnly: false);
    runs.Add((stack, baseline));
    Report.Run(i + 1, stack, baseline);
}

Report.Summary(runs);
return 0;

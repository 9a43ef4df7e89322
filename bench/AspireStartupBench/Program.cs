using AirflowAspire.Bench.AspireStartup;

// What Aspire costs on this machine, each against a baseline measured in the same run (bench/README.md).
const int Runs = 3;

Console.WriteLine($"AspireStartupBench: median of {Runs} runs each, measured alternately.");

var emptyStart = await Measurement.MedianAsync(Runs, () => ProcessRuns.TimeToExitAsync("AirflowAspire.Bench.EmptyConsole.dll"));
var manifest = await Measurement.MedianAsync(Runs, () => ProcessRuns.TimeToExitAsync(
    "AirflowAspire.AppHost.dll", "--publisher", "manifest", "--output-path", Path.Combine(Path.GetTempPath(), "bench-aspire-manifest.json")));
Console.WriteLine($"publish the default model's manifest {Measurement.Seconds(manifest)}   empty .NET program {Measurement.Seconds(emptyStart)}   ratio {manifest / emptyStart:0.00}");

var dashboard = await Measurement.MedianAsync(Runs, DashboardStart.TimeAsync);
Console.WriteLine($"AppHost start to dashboard answering {Measurement.Seconds(dashboard)}   ratio to an empty program {dashboard / emptyStart:0.00}");

var underAspire = new List<TimeSpan>();
var direct = new List<TimeSpan>();
for (var i = 0; i < Runs; i++)
{
    direct.Add(await ServicesDirect.TimeAsync());
    underAspire.Add(await ServicesUnderAspire.TimeAsync());
    await Cleanup.WaitForAspireContainersToGoAsync();
}

var aspireMedian = underAspire.Order().ElementAt(Runs / 2);
var directMedian = direct.Order().ElementAt(Runs / 2);
Console.WriteLine($"postgres+redis+rabbitmq healthy: Aspire {Measurement.Seconds(aspireMedian)}   docker run + poll {Measurement.Seconds(directMedian)}   ratio {aspireMedian / directMedian:0.00}");

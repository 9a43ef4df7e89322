using AirflowAspire.Bench.Manifest;

// Building the model reads appsettings.json from the AppHost folder; an empty folder keeps that constant.
var scratch = Directory.CreateTempSubdirectory("manifest-bench-");
try
{
    var run = new ComparisonRun(scratch.FullName);
    var sameOutput = run.SameOutput();
    Console.WriteLine($"both sides write the same manifest text: {(sameOutput ? "yes" : "NO, so the ratio compares unequal work")}");

    run.Execute();
    ResultTable.Print(run, Console.Out);
}
finally
{
    scratch.Delete(recursive: true);
}

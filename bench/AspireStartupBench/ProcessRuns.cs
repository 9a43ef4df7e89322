using System.Diagnostics;

namespace AirflowAspire.Bench.AspireStartup;

/// <summary>Starts programs built next to the benchmark and times them.</summary>
internal static class ProcessRuns
{
    public static string Beside(string assembly) => Path.Combine(AppContext.BaseDirectory, assembly);

    /// <summary>Time from start to exit of <c>dotnet exec ASSEMBLY ARGS</c>; throws when it fails.</summary>
    public static async Task<TimeSpan> TimeToExitAsync(string assembly, params string[] args)
    {
        var watch = Stopwatch.StartNew();
        using var process = Start(assembly, args, environment: new Dictionary<string, string>());
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        watch.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{assembly} exited with {process.ExitCode}: {await output}{await error}");
        }

        return watch.Elapsed;
    }

    public static Process Start(string assembly, string[] args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Beside(assembly));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    public static async Task<int> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var drainOut = process.StandardOutput.ReadToEndAsync();
        var drainErr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await Task.WhenAll(drainOut, drainErr);
        return process.ExitCode;
    }
}

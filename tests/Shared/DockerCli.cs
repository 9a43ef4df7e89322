using System.Diagnostics;

namespace AirflowAspire.TestSupport;

/// <summary>The docker CLI, run with a bound on its time: its exit code and what it printed.</summary>
public static class DockerCli
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("docker did not start.");
        using var cts = new CancellationTokenSource(timeout);
        var output = process.StandardOutput.ReadToEndAsync(cts.Token);
        var error = process.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`docker {string.Join(' ', args)}` took over {timeout.TotalSeconds:0} s.");
        }

        return (process.ExitCode, (await output).Trim(), (await error).Trim());
    }
}

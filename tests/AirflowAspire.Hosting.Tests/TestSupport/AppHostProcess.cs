using System.Diagnostics;

namespace AirflowAspire.Hosting.Tests.TestSupport;

/// <summary>What a finished AppHost process left behind.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>
/// Runs the real AppHost, as Aspirate does: <c>dotnet exec AirflowAspire.AppHost.dll ARGS</c>. The test project
/// references the AppHost, so the built AppHost sits next to the test assembly.
/// </summary>
public static class AppHostProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string AssemblyPath => Path.Combine(AppContext.BaseDirectory, "AirflowAspire.AppHost.dll");

    public static async Task<ProcessResult> RunAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(AssemblyPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The AppHost did not exit within {Timeout.TotalSeconds:0} s: dotnet exec {AssemblyPath} {string.Join(' ', args)}");
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }
}

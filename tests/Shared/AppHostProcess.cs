using System.Diagnostics;

namespace AirflowAspire.TestSupport;

/// <summary>What a finished AppHost process left behind.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>
/// Runs a real AppHost (the repository's or an example's) as Aspirate does, <c>dotnet exec {assembly}.dll ARGS</c>,
/// with its input closed so a prompt would fail rather than hang. The test project references the AppHosts, so they
/// are built beside it.
/// </summary>
public static class AppHostProcess
{
    public const string DefaultAppHost = "AirflowAspire.AppHost";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string AssemblyPath(string assemblyName = DefaultAppHost) => Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");

    public static Task<ProcessResult> RunAsync(string assemblyName, string workingDirectory, params string[] args) =>
        RunAsync(assemblyName, workingDirectory, Timeout, args);

    /// <param name="timeout">How long it may run, e.g. a deploy that waits for a cluster; killed and reported after.</param>
    public static async Task<ProcessResult> RunAsync(string assemblyName, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var assembly = AssemblyPath(assemblyName);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["exec", assembly, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The AppHost did not exit within {timeout.TotalSeconds:0} s: dotnet exec {assembly} {string.Join(' ', args)}");
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }
}

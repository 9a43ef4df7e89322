using System.Diagnostics;

namespace AirflowAspire.Bench.LocalStack;

/// <summary>The docker CLI, bounded by a minute.</summary>
internal static class Docker
{
    /// <summary>What the command printed when it exited 0; null otherwise.</summary>
    public static async Task<string?> OutputAsync(IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("docker did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return null;
        }

        return process.ExitCode == 0 ? await output : null;
    }
}

using System.ComponentModel;
using System.Diagnostics;

namespace AirflowAspire.Hosting.Airflow.Footprint;

/// <summary>Asks the container runtime's CLI something on the host (<c>docker info</c>, <c>docker stats</c>), bounded by a timeout.</summary>
internal static class RuntimeCli
{
    /// <summary>What the command printed when it exited 0 in time; null when it failed, took too long or the CLI is missing.</summary>
    public static async Task<string?> OutputAsync(string runtime, IReadOnlyList<string> args, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(runtime) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            return null;
        }

        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return null;
        }

        return process.ExitCode == 0 ? await output.ConfigureAwait(false) : null;
    }
}

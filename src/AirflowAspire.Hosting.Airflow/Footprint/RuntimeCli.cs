using System.ComponentModel;
using System.Text;
using AirflowAspire.DagChecks.Tools;

namespace AirflowAspire.Hosting.Airflow.Footprint;

/// <summary>Asks the container runtime's CLI something on the host (<c>docker info</c>, <c>docker stats</c>), bounded by a timeout.</summary>
internal static class RuntimeCli
{
    /// <summary>What the command printed when it exited 0 in time; null when it failed, took too long or the CLI is missing.</summary>
    public static async Task<string?> OutputAsync(string runtime, IReadOnlyList<string> args, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        try
        {
            var result = await ProcessRunner.RunAsync(runtime, args, standardInput: null, line => output.AppendLine(line), cancellationToken, timeout)
                .ConfigureAwait(false);
            return result.ExitCode == 0 ? output.ToString() : null;
        }
        catch (Exception e) when (e is Win32Exception or TimeoutException)
        {
            return null;
        }
    }
}

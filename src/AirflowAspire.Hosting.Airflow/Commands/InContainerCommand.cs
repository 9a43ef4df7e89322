using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace AirflowAspire.Hosting.Airflow.Commands;

/// <summary>
/// A command as <c>docker exec</c> runs it so that it can be stopped later: <c>docker exec</c> has no kill, and
/// killing its client leaves the command running in the container (an <c>airflow db reset</c> going on, and a retry
/// starting a second one). A small <c>sh</c> first prints its PID on stderr, then becomes coreutils'
/// <c>timeout</c> (in the official apache/airflow image, Debian's), which runs the command in a process group of its
/// own. SIGTERM to that PID ends the whole group, and SIGKILL follows after a grace period. The in-container
/// timeout is only a backstop for a host that went away; the host stops the command itself at its own timeout.
/// Without <c>timeout</c> in the image the command itself gets the PID, and the signal.
/// </summary>
internal static class InContainerCommand
{
    private const string PidMarker = "airflowaspire-exec-pid ";

    /// <summary>How much longer than the host's timeout the in-container backstop waits.</summary>
    private static readonly TimeSpan BackstopMargin = TimeSpan.FromSeconds(30);

    private const string Script =
        """
        echo "airflowaspire-exec-pid $$" >&2
        seconds=$1 grace=$2
        shift 2
        if command -v timeout >/dev/null 2>&1; then
          exec timeout --kill-after="$grace" "$seconds" "$@"
        fi
        exec "$@"
        """;

    /// <summary>The arguments of <c>docker exec &lt;id&gt;</c> that run the command this way.</summary>
    public static IReadOnlyList<string> Wrap(IReadOnlyList<string> command, TimeSpan timeout, TimeSpan grace) =>
        ["sh", "-c", Script, "sh", Seconds(timeout + BackstopMargin), Seconds(grace), .. command];

    /// <summary>The command's stderr without the PID line; the PID (or null when the line never came) as soon as it is read.</summary>
    public static async Task<string> ReadErrorAsync(StreamReader error, TaskCompletionSource<string?> processId)
    {
        string? first;
        try
        {
            first = await error.ReadLineAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            processId.TrySetResult(null);
            throw;
        }

        if (first is not null && first.StartsWith(PidMarker, StringComparison.Ordinal))
        {
            processId.TrySetResult(first[PidMarker.Length..].Trim());
            first = null;
        }
        else
        {
            processId.TrySetResult(null);
        }

        var rest = await error.ReadToEndAsync(CancellationToken.None).ConfigureAwait(false);
        return first is null ? rest : $"{first}\n{rest}";
    }

    /// <summary>Sends SIGTERM to the command's PID in the container, bounded; null when sent, otherwise why not.</summary>
    public static async Task<string?> StopAsync(string runtime, string containerId, string processId, TimeSpan wait)
    {
        var start = new ProcessStartInfo(runtime)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The PID is gone when the command ended meanwhile; that is not a failure.
            ArgumentList = { "exec", containerId, "sh", "-c", "kill -TERM \"$0\" 2>/dev/null || true", processId },
        };

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return $"it could not be stopped in the container ('{runtime} exec': {e.Message})";
        }

        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        using var bounded = new CancellationTokenSource(wait);
        try
        {
            await process.WaitForExitAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return $"it could not be stopped in the container ('{runtime} exec' did not answer within {wait.TotalSeconds:0} s)";
        }

        return process.ExitCode == 0
            ? null
            : $"it could not be stopped in the container: {(await error.ConfigureAwait(false)).Trim()}";
    }

    private static string Seconds(TimeSpan span) => Math.Ceiling(span.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}

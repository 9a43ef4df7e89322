using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace AirflowAspire.DagChecks.Tools;

/// <summary>
/// Runs a program without a shell: arguments as a list, optional text on stdin (closed after it), each stdout line
/// handed over as it arrives, stderr collected or handed over line by line too. Cancelling or a timeout kills the
/// program and its children. validate runs python3 and the container runtime with it; build and release, which are
/// synchronous, use <see cref="TryCapture"/> and <see cref="Stream"/>.
/// </summary>
public static class ProcessRunner
{
    /// <exception cref="Win32Exception">The program cannot be started.</exception>
    /// <exception cref="TimeoutException">It did not finish within <paramref name="timeout"/> (it is killed).</exception>
    public static async Task<ProcessResult> RunAsync(
        string program,
        IReadOnlyList<string> arguments,
        string? standardInput,
        Action<string> onOutputLine,
        CancellationToken cancellationToken,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null,
        Action<string>? onErrorLine = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit)
        {
            timeoutSource.CancelAfter(limit);
        }

        var token = timeoutSource.Token;
        var error = onErrorLine is null ? process.StandardError.ReadToEndAsync(token) : ForwardLinesAsync(process.StandardError, onErrorLine, token);
        var input = WriteInputAsync(process, standardInput, token);
        try
        {
            await ForwardLinesAsync(process.StandardOutput, onOutputLine, token);
            await process.WaitForExitAsync(token);
            await input;
            return new ProcessResult(process.ExitCode, await error);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            if (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{Path.GetFileName(program)} did not finish within {timeout}.");
            }

            throw;
        }
    }

    /// <summary>Runs a program and collects its stdout; null when it cannot be started or does not end in time.</summary>
    public static ProcessResult? TryCapture(string program, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var output = new StringBuilder();
        try
        {
            var result = Wait(() => RunAsync(program, arguments, null, line => output.Append(line).Append('\n'), CancellationToken.None, timeout));
            return result with { Output = output.ToString() };
        }
        catch (Exception e) when (e is Win32Exception or TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Runs a program to its end, passing each line it prints on either stream on to <paramref name="log"/>; returns its exit code.</summary>
    /// <exception cref="Win32Exception">The program cannot be started.</exception>
    public static int Stream(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, TextWriter log)
    {
        var gate = new object();
        void Forward(string line)
        {
            lock (gate)
            {
                log.WriteLine(line);
            }
        }

        return Wait(() => RunAsync(program, arguments, null, Forward, CancellationToken.None, environment: environment, onErrorLine: Forward)).ExitCode;
    }

    /// <summary>Blocks on a run from synchronous code, started on the thread pool so that no caller's context can deadlock it.</summary>
    internal static T Wait<T>(Func<Task<T>> run) => Task.Run(run).GetAwaiter().GetResult();

    private static async Task<string> ForwardLinesAsync(StreamReader reader, Action<string> onLine, CancellationToken token)
    {
        while (await reader.ReadLineAsync(token) is { } line)
        {
            onLine(line);
        }

        return string.Empty;
    }

    private static async Task WriteInputAsync(Process process, string? text, CancellationToken token)
    {
        try
        {
            if (text is not null)
            {
                await process.StandardInput.WriteAsync(text.AsMemory(), token);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading all of its input; its exit code and stderr tell why.
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}

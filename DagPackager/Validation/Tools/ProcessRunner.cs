using System.Diagnostics;
using System.Text;

namespace AirflowAspire.DagPackager.Validation.Tools;

/// <summary>
/// Runs a program without a shell: arguments as a list, optional text on stdin, each stdout line handed over as it
/// arrives, stderr collected. Cancelling kills the program and its children.
/// </summary>
public static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string program,
        IReadOnlyList<string> arguments,
        string? standardInput,
        Action<string> onOutputLine,
        CancellationToken cancellationToken,
        TimeSpan? timeout = null)
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

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit)
        {
            timeoutSource.CancelAfter(limit);
        }

        var token = timeoutSource.Token;
        var error = process.StandardError.ReadToEndAsync(token);
        var input = WriteInputAsync(process, standardInput, token);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(token) is { } line)
            {
                onOutputLine(line);
            }

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

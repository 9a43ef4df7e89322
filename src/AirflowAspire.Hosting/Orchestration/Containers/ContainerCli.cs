using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace AirflowAspire.Hosting.Orchestration.Containers;

/// <summary>
/// Runs the docker or podman CLI. Arguments go one by one through <see cref="ProcessStartInfo.ArgumentList"/>,
/// never through a shell; secrets never go in them (environment values travel in an env file).
/// </summary>
internal sealed class ContainerCli(string executable)
{
    /// <summary>How long a plain command (inspect, create, rm) may take before the engine counts as stuck.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public string Executable => executable;

    /// <summary>Runs a command to its end and collects what it printed.</summary>
    public async Task<CliResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var output = new StringBuilder();
        var error = new StringBuilder();
        var exitCode = await StreamAsync(
            arguments,
            (line, isError) =>
            {
                var target = isError ? error : output;
                lock (target)
                {
                    target.AppendLine(line);
                }
            },
            cancellationToken,
            timeout ?? DefaultTimeout);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Runs a command and hands over each line it prints as it comes (true for standard error). Returns the
    /// exit code. On cancellation or timeout the CLI process is killed: a timeout throws
    /// <see cref="TimeoutException"/>, a cancellation <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<int> StreamAsync(
        IReadOnlyList<string> arguments, Action<string, bool> onLine, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        using var process = new Process { StartInfo = StartInfo(arguments) };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onLine(e.Data, false);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onLine(e.Data, true);
            }
        };

        Start(process, arguments);
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } span && span != Timeout.InfiniteTimeSpan)
        {
            limit.CancelAfter(span);
        }

        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"`{executable} {arguments[0]}` did not finish within {timeout!.Value.TotalSeconds:0} s and was stopped. " +
                $"The {executable} engine may be overloaded or stuck; `{executable} info` tells whether it answers.");
        }

        return process.ExitCode;
    }

    private ProcessStartInfo StartInfo(IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private void Start(Process process, IReadOnlyList<string> arguments)
    {
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ContainerCliException(
                $"Could not run `{executable} {arguments[0]}`: {e.Message}. Install {executable} or put it on PATH.");
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }
    }
}

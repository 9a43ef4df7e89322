using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace AirflowAspire.Orchestration.Tests.AppHost;

/// <summary>
/// The repository's AppHost started as a real process (<c>dotnet exec AirflowAspire.AppHost.dll</c>), its
/// terminal output read line by line. Disposing it kills the process tree if the test did not stop it.
/// </summary>
internal sealed class RunningAppHost : IAsyncDisposable
{
    private readonly Process process;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder transcript = new();

    private RunningAppHost(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Receive(e.Data);
        process.ErrorDataReceived += (_, e) => Receive(e.Data is null ? null : "stderr: " + e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int ProcessId => process.Id;

    public string Transcript
    {
        get
        {
            lock (transcript)
            {
                return transcript.ToString();
            }
        }
    }

    public static RunningAppHost Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var appHost = Path.Combine(AppContext.BaseDirectory, "AirflowAspire.AppHost.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(appHost);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new RunningAppHost(Process.Start(start)!);
    }

    /// <summary>The first line containing <paramref name="text"/>, waiting at most <paramref name="limit"/>.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await foreach (var line in lines.Reader.ReadAllAsync(timeout.Token))
            {
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new TimeoutException($"The AppHost did not print '{text}' within {limit.TotalSeconds} s. It printed:{Environment.NewLine}{Transcript}");
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does, and waits for the exit code.</summary>
    public async Task<int> InterruptAsync(TimeSpan limit)
    {
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            lines.Writer.TryComplete();
            return;
        }

        lock (transcript)
        {
            transcript.AppendLine(line);
        }

        lines.Writer.TryWrite(line);
    }
}

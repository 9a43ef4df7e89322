using System.Diagnostics;

namespace AirflowAspire.TestSupport;

/// <summary>What a finished process left behind.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>Runs a program to its end with its input closed (a prompt fails rather than hangs), killed and reported once its time is up.</summary>
public static class BoundedProcess
{
    public static async Task<ProcessResult> RunAsync(
        string program,
        IEnumerable<string> args,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
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
            throw new TimeoutException($"`{program} {string.Join(' ', start.ArgumentList)}` did not exit within {timeout.TotalSeconds:0} s.");
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }
}

using System.ComponentModel;
using System.Diagnostics;

namespace AirflowAspire.Hosting.Orchestration.Processes;

/// <summary>Runs a command to its end: a setup step or a health check.</summary>
internal static class CommandRunner
{
    /// <summary>What a shell returns for a command it cannot find.</summary>
    private const int NotFound = 127;

    /// <summary>
    /// The exit code, or null when it ran out of time. Each output line goes to <paramref name="onLine"/>
    /// (true for stderr). Out of time or cancelled, it and everything it started are killed.
    /// </summary>
    public static async Task<int?> RunAsync(
        ProcessLaunch launch, ProcessTag tag, Action<string, bool> onLine, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        using var process = TryStart(launch, onLine);
        if (process is null)
        {
            return NotFound;
        }

        var pumps = new[]
        {
            OutputPump.StartAsync(process.StandardOutput, line => onLine(line, false)),
            OutputPump.StartAsync(process.StandardError, line => onLine(line, true)),
        };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } time)
        {
            limit.CancelAfter(time);
        }

        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync(process, tag);
            cancellationToken.ThrowIfCancellationRequested();
            return null;
        }

        // A daemon it started may hold the pipes open; its output is not worth waiting for.
        await Task.WhenAny(Task.WhenAll(pumps), Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None));
        return process.ExitCode;
    }

    private static Process? TryStart(ProcessLaunch launch, Action<string, bool> onLine)
    {
        try
        {
            return ProcessLauncher.Start(launch);
        }
        catch (Win32Exception e)
        {
            onLine($"{launch.Executable}: {e.Message}", true);
            return null;
        }
    }

    private static async Task KillAsync(Process process, ProcessTag tag)
    {
        var pid = process.Id;
        await ProcessSweeper.KillUntilGoneAsync(() => ProcessSweeper.FindTagged(tag)
            .Concat(ProcessSweeper.Descendants(pid))
            .Concat(process.HasExited ? [] : [pid])
            .ToList());
        await process.WaitForExitAsync(CancellationToken.None);
    }
}

using System.Diagnostics;
using System.Text;
using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Orchestration.Processes;

/// <summary>
/// A started local process standing in for a container. Like a container, it ends when its main process
/// ends: whatever that process left running (a daemonized epmd) is killed then.
/// </summary>
internal sealed class RunningProcess : IRunningWorkload
{
    /// <summary>The exit code of a command that ran out of time, as coreutils' timeout reports it.</summary>
    private const int TimedOut = 124;

    private static readonly TimeSpan DisposeGrace = TimeSpan.FromSeconds(10);

    private readonly Process process;
    private readonly LocalProcessPlan plan;
    private readonly ProcessTag tag;
    private readonly ProcessLaunch commandTemplate;
    private readonly int pid;

    public RunningProcess(WorkloadSpec spec, LocalProcessPlan plan, Process process, ProcessTag tag, ProcessLaunch commandTemplate,
        IWorkloadLog log, ProcessRegistry registry)
    {
        Spec = spec;
        this.plan = plan;
        this.process = process;
        this.tag = tag;
        this.commandTemplate = commandTemplate;
        pid = process.Id;
        var pumps = new[]
        {
            OutputPump.StartAsync(process.StandardOutput, line => log.Write(line, isError: false)),
            OutputPump.StartAsync(process.StandardError, line => log.Write(line, isError: true)),
        };
        Exited = WatchAsync(pumps, registry);
    }

    public WorkloadSpec Spec { get; }

    public Task<int> Exited { get; }

    public IReadOnlyList<HealthCheckAnnotation>? HealthCheckOverride => plan.HealthChecks;

    public async Task StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        if (!Exited.IsCompleted)
        {
            PosixNative.Signal(pid, (int)plan.StopSignal);
            await Task.WhenAny(Exited, Task.Delay(grace, cancellationToken));
        }

        if (!Exited.IsCompleted)
        {
            await KillEverythingAsync();
        }

        await Exited.WaitAsync(cancellationToken);
    }

    public async Task<CommandResult> ExecAsync(IReadOnlyList<string> command, bool useShell, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (command.Count == 0)
        {
            throw new ArgumentException("The command is empty.", nameof(command));
        }

        var checkTag = tag.Child($"exec-{Guid.NewGuid():N}");
        var launch = commandTemplate with
        {
            Executable = useShell ? "/bin/sh" : command[0],
            Args = useShell ? ["-c", string.Join(' ', command)] : command.Skip(1).ToList(),
            Environment = new Dictionary<string, string>(commandTemplate.Environment) { [ProcessTag.Variable] = checkTag.Value },
        };
        var output = new StringBuilder();
        var exitCode = await CommandRunner.RunAsync(launch, checkTag, (line, _) =>
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }, timeout, cancellationToken);
        lock (output)
        {
            return exitCode is { } code
                ? new CommandResult(code, output.ToString())
                : new CommandResult(TimedOut, $"{output}Timed out after {timeout.TotalSeconds:0.#} s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!Exited.IsCompleted)
        {
            await StopAsync(DisposeGrace, CancellationToken.None);
        }

        process.Dispose();
    }

    private async Task<int> WatchAsync(Task[] pumps, ProcessRegistry registry)
    {
        await process.WaitForExitAsync(CancellationToken.None);
        var exitCode = process.ExitCode;
        await ProcessSweeper.KillUntilGoneAsync(() => ProcessSweeper.FindTagged(tag));
        // Output still held by a process that escaped the tag is not worth waiting for.
        await Task.WhenAny(Task.WhenAll(pumps), Task.Delay(TimeSpan.FromSeconds(2)));
        registry.Remove(pid);
        return exitCode;
    }

    private Task KillEverythingAsync() =>
        ProcessSweeper.KillUntilGoneAsync(() => ProcessSweeper.Descendants(pid)
            .Concat(ProcessSweeper.FindTagged(tag))
            .Concat(process.HasExited ? [] : [pid])
            .Distinct()
            .ToList());
}

using System.Globalization;
using AirflowAspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Orchestration.Containers;

/// <summary>
/// One started container: its output followed into the workload's log, its end awaited with <c>wait</c>,
/// and stop, exec and removal through the CLI.
/// </summary>
internal sealed class RunningContainer : IRunningWorkload
{
    /// <summary>How long the last lines may take to arrive once the container has ended.</summary>
    private static readonly TimeSpan LogDrainLimit = TimeSpan.FromSeconds(5);

    /// <summary>How long <c>wait</c> may take to report a container that <c>stop</c> or <c>rm</c> ended.</summary>
    private static readonly TimeSpan ExitReportLimit = TimeSpan.FromSeconds(10);

    /// <summary>Beyond the grace period, how long <c>stop</c> may take (the engine kills after the grace).</summary>
    private static readonly TimeSpan StopOverhead = TimeSpan.FromSeconds(30);

    private readonly ContainerCli cli;
    private readonly ILogger logger;
    private readonly CancellationTokenSource watching = new();
    private readonly Task following;
    private readonly Lock gate = new();
    private Task? stopping;
    private Task? disposing;

    public RunningContainer(ContainerCli cli, WorkloadSpec spec, string containerName, IWorkloadLog log, ILogger logger)
    {
        this.cli = cli;
        this.logger = logger;
        Spec = spec;
        ContainerName = containerName;
        following = Task.Run(() => ContainerOutput.FollowAsync(cli, containerName, log, logger, watching.Token));
        Exited = Task.Run(() => WaitForExitAsync(watching.Token));
    }

    public WorkloadSpec Spec { get; }

    public string ContainerName { get; }

    public Task<int> Exited { get; }

    /// <summary>The model's checks apply: http and tcp on the host port, commands through <see cref="ExecAsync"/>.</summary>
    public IReadOnlyList<HealthCheckAnnotation>? HealthCheckOverride => null;

    public Task StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            stopping ??= StopOnceAsync(grace);
        }

        return stopping.WaitAsync(cancellationToken);
    }

    public async Task<CommandResult> ExecAsync(IReadOnlyList<string> command, bool useShell, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var marker = Guid.NewGuid().ToString("N");
        List<string> arguments = ["exec", "--env", $"{ExecMarker.Variable}={marker}", ContainerName];
        arguments.AddRange(useShell ? ["/bin/sh", "-c", string.Join(' ', command)] : command);
        try
        {
            var result = await cli.RunAsync(arguments, cancellationToken, timeout);
            return new CommandResult(result.ExitCode, (result.StandardOutput + result.StandardError).Trim());
        }
        catch (TimeoutException)
        {
            await ExecMarker.KillAsync(cli, ContainerName, marker);
            return new CommandResult(-1, string.Create(
                CultureInfo.InvariantCulture, $"The command did not finish within {timeout.TotalSeconds:0.#} s and was stopped."));
        }
        catch (ContainerCliException e)
        {
            return new CommandResult(-1, e.Message);
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (gate)
        {
            disposing ??= DisposeOnceAsync();
        }

        return new ValueTask(disposing);
    }

    private async Task StopOnceAsync(TimeSpan grace)
    {
        var seconds = (int)Math.Ceiling(Math.Max(0, grace.TotalSeconds));
        var stop = await cli.RunAsync(
            ["stop", "-t", seconds.ToString(CultureInfo.InvariantCulture), ContainerName], CancellationToken.None, grace + StopOverhead);
        if (!stop.Succeeded && !IsGone(stop.Message))
        {
            logger.LogWarning("{Cli} could not stop container {Container}: {Message}; removing it by force.", cli.Executable, ContainerName, stop.Message);
        }

        await AwaitExitReportAsync();
        await RemoveAsync();
    }

    private async Task DisposeOnceAsync()
    {
        try
        {
            await RemoveAsync();
        }
        catch (Exception e) when (e is ContainerCliException or TimeoutException)
        {
            logger.LogWarning("{Message}", e.Message);
        }

        await AwaitExitReportAsync();
        await watching.CancelAsync();
        await following.ContinueWith(_ => { }, TaskScheduler.Default);
        watching.Dispose();
    }

    private async Task RemoveAsync()
    {
        var remove = await cli.RunAsync(["rm", "--force", "--volumes", ContainerName], CancellationToken.None);
        if (!remove.Succeeded && !IsGone(remove.Message))
        {
            throw new ContainerCliException(
                $"{cli.Executable} could not remove the container {ContainerName}: {remove.Message}. " +
                $"Remove it yourself with `{cli.Executable} rm -f {ContainerName}`.");
        }
    }

    private async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        int? exitCode = null;
        try
        {
            var wait = await cli.RunAsync(["wait", ContainerName], cancellationToken, Timeout.InfiniteTimeSpan);
            exitCode = ParseExitCode(wait.StandardOutput) ?? await InspectExitCodeAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or ContainerCliException)
        {
            // Disposed, or the CLI is gone: the exit code is unknown.
        }

        // The last lines come before the news of the end, so whoever reacts to it has them in the log.
        await following.WaitAsync(LogDrainLimit, CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
        return exitCode ?? -1;
    }

    private async Task<int?> InspectExitCodeAsync()
    {
        var inspect = await cli.RunAsync(["inspect", "--format", "{{.State.ExitCode}}", ContainerName], CancellationToken.None);
        return inspect.Succeeded ? ParseExitCode(inspect.StandardOutput) : null;
    }

    private async Task AwaitExitReportAsync() =>
        await Exited.WaitAsync(ExitReportLimit).ContinueWith(_ => { }, TaskScheduler.Default);

    private static int? ParseExitCode(string output) =>
        int.TryParse(output.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code) ? code : null;

    private static bool IsGone(string message) => message.Contains("no such container", StringComparison.OrdinalIgnoreCase);
}

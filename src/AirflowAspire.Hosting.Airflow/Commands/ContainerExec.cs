using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AirflowAspire.Hosting.Airflow.Commands;

/// <summary>What a command run inside a container printed, and how it ended.</summary>
internal sealed record ContainerExecResult(int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>
/// Runs a program inside a resource's running container through the container runtime Aspire's orchestrator uses
/// (<c>docker exec &lt;id&gt; ...</c>, no shell re-parsing an argument), bounded by a timeout. Killing the
/// <c>docker exec</c> client does not stop the program in the container, so the program runs under
/// <see cref="InContainerCommand"/>: a timeout, or the caller giving up, stops it in the container too.
/// </summary>
internal static class ContainerExec
{
    public const string ContainerIdProperty = "container.id";

    /// <summary>How long a stopped program has to end on SIGTERM before it is killed.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    /// <summary>How long the host waits for the container to confirm a stopped program ended.</summary>
    private static readonly TimeSpan StopWait = StopGrace + TimeSpan.FromSeconds(15);

    /// <summary>The resource's container id when its container runs; null otherwise.</summary>
    public static string? RunningContainerId(CustomResourceSnapshot snapshot) =>
        snapshot.State?.Text == KnownResourceStates.Running
            ? snapshot.Properties.FirstOrDefault(p => p.Name == ContainerIdProperty)?.Value as string is { Length: > 0 } id ? id : null
            : null;

    /// <exception cref="ContainerExecException">The container does not run, the runtime cannot be started, or the command took too long.</exception>
    public static async Task<ContainerExecResult> RunAsync(
        IServiceProvider services, string resourceId, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        if (!notifications.TryGetCurrentState(resourceId, out var current))
        {
            throw new ContainerExecException($"'{resourceId}' has no container yet.");
        }

        var containerId = RunningContainerId(current.Snapshot)
            ?? throw new ContainerExecException($"'{current.Resource.Name}' is not running (it is {current.Snapshot.State?.Text ?? "not started"}); start it first.");

        var runtime = ContainerCommandHealthCheck.ContainerRuntimeName(services.GetRequiredService<IConfiguration>());
        return await RunInContainerAsync(runtime, containerId, current.Resource.Name, command, string.Join(' ', command), timeout, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <param name="displayCommand">The command as messages name it.</param>
    /// <param name="standardOutput">Where the command's standard output goes instead of <see cref="ContainerExecResult.Output"/> (a large dump).</param>
    /// <exception cref="ContainerExecException">The runtime cannot be started, or the command took too long (it is then stopped in the container).</exception>
    public static async Task<ContainerExecResult> RunInContainerAsync(
        string runtime, string containerId, string resourceName, IReadOnlyList<string> command, string displayCommand, TimeSpan timeout,
        CancellationToken cancellationToken, Stream? standardOutput = null)
    {
        var start = new ProcessStartInfo(runtime) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["exec", containerId, .. InContainerCommand.Wrap(command, timeout, StopGrace)])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ContainerExecException($"Could not run '{runtime} exec' for '{resourceName}': {e.Message}");
        }

        // The pipes close when the exec ends, which the stop below makes sure of; reading them needs no token.
        var processId = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = standardOutput is null
            ? process.StandardOutput.ReadToEndAsync(CancellationToken.None)
            : CopyAsync(process.StandardOutput.BaseStream, standardOutput);
        var error = InContainerCommand.ReadErrorAsync(process.StandardError, processId);

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(bounded.Token).ConfigureAwait(false);
            return new ContainerExecResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            var stopped = await StopAsync(runtime, containerId, process, processId.Task).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new ContainerExecException($"'{displayCommand}' in '{resourceName}' did not finish within {timeout.TotalSeconds:0.#} s; {stopped}");
        }
    }

    /// <summary>Copies the command's output into <paramref name="to"/>; what it returns stands for the output, which is in the stream.</summary>
    private static async Task<string> CopyAsync(Stream from, Stream to)
    {
        await from.CopyToAsync(to, CancellationToken.None).ConfigureAwait(false);
        return "";
    }

    /// <summary>
    /// Stops the command in the container (SIGTERM to its <c>timeout</c>, which passes it on to the command's process
    /// group and kills the group after <see cref="StopGrace"/>), waits, bounded, for the exec to end, and kills the
    /// client if it has not. Says what became of the command.
    /// </summary>
    private static async Task<string> StopAsync(string runtime, string containerId, Process exec, Task<string?> processId)
    {
        string? id;
        try
        {
            // A command that took too long has printed its PID long ago, unless the exec itself hangs.
            id = await processId.WaitAsync(StopWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            id = null;
        }

        var stopped = id is null
            ? "it had not started in the container"
            : await InContainerCommand.StopAsync(runtime, containerId, id, StopWait).ConfigureAwait(false);
        if (stopped is null)
        {
            using var wait = new CancellationTokenSource(StopWait);
            try
            {
                await exec.WaitForExitAsync(wait.Token).ConfigureAwait(false);
                return "it was stopped in the container.";
            }
            catch (OperationCanceledException)
            {
                stopped = $"it was asked to stop in the container but had not ended after {StopWait.TotalSeconds:0} s";
            }
        }

        exec.Kill(entireProcessTree: true);
        return $"{stopped}.";
    }
}

/// <summary>A command could not be run in a container; the message says why.</summary>
internal sealed class ContainerExecException(string message) : Exception(message);

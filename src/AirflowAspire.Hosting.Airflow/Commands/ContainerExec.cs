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
/// (<c>docker exec &lt;id&gt; program args...</c>, no shell, so an argument is never re-parsed), bounded by a timeout.
/// </summary>
internal static class ContainerExec
{
    public const string ContainerIdProperty = "container.id";

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
        var start = new ProcessStartInfo(runtime) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["exec", containerId, .. command])
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
            throw new ContainerExecException($"Could not run '{runtime} exec' for '{current.Resource.Name}': {e.Message}");
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        var output = process.StandardOutput.ReadToEndAsync(bounded.Token);
        var error = process.StandardError.ReadToEndAsync(bounded.Token);
        try
        {
            await process.WaitForExitAsync(bounded.Token).ConfigureAwait(false);
            return new ContainerExecResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new ContainerExecException($"'{string.Join(' ', command)}' in '{current.Resource.Name}' did not finish within {timeout.TotalSeconds:0} s.");
        }
    }
}

/// <summary>A command could not be run in a container; the message says why.</summary>
internal sealed class ContainerExecException(string message) : Exception(message);

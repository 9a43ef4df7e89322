using System.Diagnostics;
using System.Net.Sockets;
using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Orchestration;

namespace AirflowAspire.Bench.Orchestration;

/// <summary>
/// The baseline's readiness wait: the plan's own health checks (TCP connects, commands as the runtime runs
/// them: as this user, with the server's environment and the plan's check variables, in the state folder),
/// each polled every <see cref="PollInterval"/> until it passes, one after the other in the plan's order.
/// </summary>
internal sealed class DirectReadiness(WorkloadSpec spec, IReadOnlyDictionary<string, string> checkEnvironment, string folder)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public async Task WaitAsync(IReadOnlyList<HealthCheckAnnotation> checks, Process server, CancellationToken cancellationToken)
    {
        foreach (var check in checks)
        {
            while (!await PassesAsync(check, cancellationToken))
            {
                if (server.HasExited)
                {
                    throw new InvalidOperationException($"baseline: {spec.InstanceName} exited with code {server.ExitCode} before it was ready.");
                }

                await Task.Delay(PollInterval, cancellationToken);
            }
        }
    }

    private Task<bool> PassesAsync(HealthCheckAnnotation check, CancellationToken cancellationToken) => check switch
    {
        TcpHealthCheckAnnotation tcp => ConnectsAsync(tcp, cancellationToken),
        CommandHealthCheckAnnotation command => ExitsZeroAsync(command, cancellationToken),
        _ => throw new NotSupportedException($"baseline: no direct way to run {check.GetType().Name} of {spec.InstanceName}."),
    };

    private async Task<bool> ConnectsAsync(TcpHealthCheckAnnotation check, CancellationToken cancellationToken)
    {
        var port = spec.Ports.Single(p => p.EndpointName == check.EndpointName).HostPort;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(check.Timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, limit.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    private async Task<bool> ExitsZeroAsync(CommandHealthCheckAnnotation check, CancellationToken cancellationToken)
    {
        var (executable, args) = check.UseShell
            ? ("/bin/sh", new[] { "-c", string.Join(' ', check.Command) })
            : (check.Command[0], check.Command.Skip(1).ToArray());
        using var process = DirectLaunch.Start(executable, args, checkEnvironment, folder);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(check.Timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
            return process.ExitCode == 0;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }
    }
}

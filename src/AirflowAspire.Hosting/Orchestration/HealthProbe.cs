using System.Net.Sockets;
using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Orchestration;

/// <summary>
/// Runs one health check against one running replica: HTTP and TCP from the host through the replica's
/// host port, commands inside the workload.
/// </summary>
internal sealed class HealthProbe(HttpClient http)
{
    public async Task<HealthReportSnapshot> CheckAsync(HealthCheckAnnotation check, IRunningWorkload workload, CancellationToken cancellationToken)
    {
        var (healthy, description) = await RunAsync(check, workload, cancellationToken);
        return new HealthReportSnapshot(Describe(check), healthy ? HealthStatus.Healthy : HealthStatus.Unhealthy, description, DateTimeOffset.UtcNow);
    }

    public static string Describe(HealthCheckAnnotation check) => check switch
    {
        HttpHealthCheckAnnotation http => $"http {http.EndpointName} {http.Path}",
        TcpHealthCheckAnnotation tcp => $"tcp {tcp.EndpointName}",
        CommandHealthCheckAnnotation command => $"command {string.Join(' ', command.Command)}",
        _ => check.GetType().Name,
    };

    private async Task<(bool Healthy, string Description)> RunAsync(HealthCheckAnnotation check, IRunningWorkload workload, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(check.Timeout);
        try
        {
            return check switch
            {
                HttpHealthCheckAnnotation http => await CheckHttpAsync(http, workload, timeout.Token),
                TcpHealthCheckAnnotation tcp => await CheckTcpAsync(tcp, workload, timeout.Token),
                CommandHealthCheckAnnotation command => await CheckCommandAsync(command, workload, cancellationToken),
                _ => (false, $"unknown health check {check.GetType().Name}"),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"no answer within {check.Timeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException)
        {
            return (false, e.Message);
        }
    }

    private async Task<(bool, string)> CheckHttpAsync(HttpHealthCheckAnnotation check, IRunningWorkload workload, CancellationToken cancellationToken)
    {
        var url = $"http://127.0.0.1:{HostPort(workload, check.EndpointName)}{check.Path}";
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var status = (int)response.StatusCode;
        return (status is >= 200 and < 400, $"GET {check.Path} answered {status}");
    }

    private static async Task<(bool, string)> CheckTcpAsync(TcpHealthCheckAnnotation check, IRunningWorkload workload, CancellationToken cancellationToken)
    {
        var port = HostPort(workload, check.EndpointName);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, cancellationToken);
        return (true, $"port {port} accepts connections");
    }

    private static async Task<(bool, string)> CheckCommandAsync(CommandHealthCheckAnnotation check, IRunningWorkload workload, CancellationToken cancellationToken)
    {
        var result = await workload.ExecAsync(check.Command, check.UseShell, check.Timeout, cancellationToken);
        var output = result.Output.Trim();
        if (output.Length > 300)
        {
            output = output[..300] + "…";
        }

        return (result.ExitCode == 0, $"exit code {result.ExitCode}{(output.Length > 0 ? ": " + output : "")}");
    }

    private static int HostPort(IRunningWorkload workload, string endpointName) =>
        workload.Spec.Ports.FirstOrDefault(p => p.EndpointName == endpointName)?.HostPort
        ?? throw new InvalidOperationException($"{workload.Spec.InstanceName} has no endpoint '{endpointName}' to check.");
}

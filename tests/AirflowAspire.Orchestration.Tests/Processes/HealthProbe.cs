using System.Diagnostics;
using System.Net.Sockets;
using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Orchestration;

namespace AirflowAspire.Orchestration.Tests.Processes;

/// <summary>Runs a workload's health checks the way the orchestrator does, until all pass.</summary>
internal static class HealthProbe
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Polls every 200 ms until every check passes at once.</summary>
    public static async Task WaitUntilHealthyAsync(IRunningWorkload workload, TimeSpan timeout)
    {
        var checks = workload.HealthCheckOverride
            ?? throw new InvalidOperationException($"'{workload.Spec.InstanceName}' has no health checks of its own.");
        Assert.NotEmpty(checks);
        var clock = Stopwatch.StartNew();
        var lastFailure = "no check ran yet";
        while (clock.Elapsed < timeout)
        {
            if (workload.Exited.IsCompleted)
            {
                throw new InvalidOperationException($"'{workload.Spec.InstanceName}' exited with code {await workload.Exited} before it became healthy.");
            }

            var failure = await FirstFailureAsync(workload, checks);
            if (failure is null)
            {
                return;
            }

            lastFailure = failure;
            await Task.Delay(200);
        }

        throw new TimeoutException($"'{workload.Spec.InstanceName}' was not healthy within {timeout.TotalSeconds:0} s; last failure: {lastFailure}");
    }

    private static async Task<string?> FirstFailureAsync(IRunningWorkload workload, IReadOnlyList<HealthCheckAnnotation> checks)
    {
        foreach (var check in checks)
        {
            var failure = check switch
            {
                CommandHealthCheckAnnotation command => await CommandFailureAsync(workload, command),
                TcpHealthCheckAnnotation tcp => await TcpFailureAsync(HostPort(workload, tcp.EndpointName)),
                HttpHealthCheckAnnotation http => await HttpFailureAsync(HostPort(workload, http.EndpointName), http.Path),
                _ => $"unknown check {check}",
            };
            if (failure is not null)
            {
                return failure;
            }
        }

        return null;
    }

    private static async Task<string?> CommandFailureAsync(IRunningWorkload workload, CommandHealthCheckAnnotation check)
    {
        var result = await workload.ExecAsync(check.Command, check.UseShell, check.Timeout, CancellationToken.None);
        return result.ExitCode == 0 ? null : $"{string.Join(' ', check.Command)} exited with {result.ExitCode}: {result.Output}";
    }

    private static async Task<string?> TcpFailureAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return null;
        }
        catch (SocketException e)
        {
            return $"127.0.0.1:{port}: {e.Message}";
        }
    }

    private static async Task<string?> HttpFailureAsync(int port, string path)
    {
        try
        {
            using var response = await Http.GetAsync($"http://127.0.0.1:{port}{path}");
            return response.IsSuccessStatusCode ? null : $"GET {path}: {(int)response.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            return $"GET {path}: {e.Message}";
        }
    }

    private static int HostPort(IRunningWorkload workload, string endpointName) =>
        workload.Spec.Ports.Single(p => p.EndpointName == endpointName).HostPort;
}

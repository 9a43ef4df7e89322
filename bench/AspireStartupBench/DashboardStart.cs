using System.Diagnostics;
using System.Net.Sockets;

namespace AirflowAspire.Bench.AspireStartup;

/// <summary>
/// From starting the repository's AppHost (<c>dotnet exec</c>, no build) to Aspire's dashboard answering HTTP on its
/// port. The containers' images are not needed for that, so this measures Aspire's own start: the host, the
/// orchestrator (DCP) and the dashboard.
/// </summary>
internal static class DashboardStart
{
    public static async Task<TimeSpan> TimeAsync()
    {
        var port = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
            ["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort()}",
            ["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort()}",
            ["DOTNET_ENVIRONMENT"] = "Development",
        };
        var volumesBefore = await Cleanup.VolumesAsync();
        var watch = Stopwatch.StartNew();
        using var process = ProcessRuns.Start("AirflowAspire.AppHost.dll", [], environment);
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            while (watch.Elapsed < TimeSpan.FromMinutes(2))
            {
                try
                {
                    using var response = await http.GetAsync($"http://127.0.0.1:{port}/");
                    return watch.Elapsed;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(50);
                }
                catch (TaskCanceledException)
                {
                }
            }

            throw new TimeoutException("The dashboard did not answer within 2 minutes.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await Cleanup.WaitForAspireContainersToGoAsync();
            await Cleanup.RemoveVolumesMadeSinceAsync(volumesBefore);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

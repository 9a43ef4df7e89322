using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AirflowAspire.Hosting.Airflow.LocalFallback;

/// <summary>A GET of a local component's health path: healthy on a success status, as the container's HTTP check.</summary>
internal sealed class LocalHttpHealthCheck(Uri uri) : IHealthCheck
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await Client.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"GET {uri} answered {(int)response.StatusCode}.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"GET {uri}: {e.Message}");
        }
    }
}

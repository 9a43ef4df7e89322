using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AirflowAspire.Hosting.Airflow.Dags;

/// <summary>The dags resource's health: the outcome of the latest check of its folder (the monitor runs the checks).</summary>
internal sealed class DagFolderHealthCheck(AirflowDagsResource dags) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(dags.LatestCheck is { } check
            ? new HealthCheckResult(check.Status, check.Summary)
            : HealthCheckResult.Unhealthy($"{dags.Folder} has not been checked yet."));
}

using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Orchestration;

/// <summary>
/// Checks a running resource's replicas until it stops. It polls every 250 ms until the first success so
/// dependants start promptly, then at the check's interval (at most every 5 s). As docker does, failures
/// within the start period leave the health unknown, and once healthy it turns unhealthy only after the
/// check's number of retries fails in a row.
/// </summary>
internal sealed class HealthMonitor(HealthProbe probe, Action<Func<ResourceSnapshot, ResourceSnapshot>> update, TimeProvider time)
{
    private static readonly TimeSpan FastInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan SlowestInterval = TimeSpan.FromSeconds(5);

    public async Task RunAsync(IReadOnlyList<HealthCheckAnnotation> modelChecks, IReadOnlyList<IRunningWorkload> workloads, CancellationToken cancellationToken)
    {
        var checks = workloads
            .SelectMany(w => (w.HealthCheckOverride ?? modelChecks).Select(c => (Workload: w, Check: c)))
            .ToList();
        if (checks.Count == 0)
        {
            update(s => Healthy(s, []));
            return;
        }

        var everHealthy = false;
        var failuresInARow = 0;
        var graceEnds = time.GetUtcNow() + checks.Max(c => c.Check.StartPeriod);
        while (!cancellationToken.IsCancellationRequested)
        {
            var reports = everHealthy
                ? await Task.WhenAll(checks.Select(c => probe.CheckAsync(c.Check, c.Workload, cancellationToken)))
                : await CheckInOrderAsync(checks, cancellationToken);
            var named = workloads.Count == 1
                ? reports
                : reports.Select((r, i) => r with { Name = $"{checks[i].Workload.Spec.InstanceName}: {r.Name}" }).ToArray();
            var allHealthy = reports.All(r => r.Status == HealthStatus.Healthy);

            failuresInARow = allHealthy ? 0 : failuresInARow + 1;
            everHealthy |= allHealthy;
            var retries = checks.Min(c => c.Check.Retries);
            var stillStarting = !everHealthy && time.GetUtcNow() < graceEnds;
            update(s => allHealthy ? Healthy(s, named)
                : stillStarting || (everHealthy && failuresInARow < retries) ? s with { HealthReports = named }
                : s with { Health = HealthStatus.Unhealthy, HealthReports = named, StateMessage = FirstFailure(named) });

            var interval = everHealthy ? Min(checks.Min(c => c.Check.Interval), SlowestInterval) : FastInterval;
            await Task.Delay(interval, time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Until the first success, each replica's checks run in their order and stop at the first failure: a
    /// costly check (a command that boots a VM) then waits until a cheap one (the port is open) passes,
    /// instead of slowing the start it is waiting for.
    /// </summary>
    private async Task<HealthReportSnapshot[]> CheckInOrderAsync(List<(IRunningWorkload Workload, HealthCheckAnnotation Check)> checks, CancellationToken cancellationToken)
    {
        var reports = new HealthReportSnapshot[checks.Count];
        await Task.WhenAll(checks.Select((c, i) => (c.Workload, c.Check, Index: i)).GroupBy(c => c.Workload).Select(async replica =>
        {
            var failed = false;
            foreach (var (workload, check, index) in replica)
            {
                reports[index] = failed
                    ? new HealthReportSnapshot(HealthProbe.Describe(check), HealthStatus.Unknown, "not run yet: an earlier check has not passed", null)
                    : await probe.CheckAsync(check, workload, cancellationToken);
                failed |= reports[index].Status != HealthStatus.Healthy;
            }
        }));
        return reports;
    }

    private ResourceSnapshot Healthy(ResourceSnapshot snapshot, IReadOnlyList<HealthReportSnapshot> reports)
    {
        var healthy = snapshot with { Health = HealthStatus.Healthy, HealthReports = reports, StateMessage = null };
        return PhaseTimeline.Begin(healthy, PhaseTimeline.Healthy, time.GetUtcNow());
    }

    private static string? FirstFailure(IEnumerable<HealthReportSnapshot> reports) =>
        reports.FirstOrDefault(r => r.Status != HealthStatus.Healthy) is { } failed ? $"Health check {failed.Name}: {failed.Description}" : null;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

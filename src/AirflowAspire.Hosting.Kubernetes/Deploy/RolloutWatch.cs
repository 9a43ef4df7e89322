namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Waits for workloads to be ready, polling the server, until each is ready or failed for good or the deadline
/// passes; reports each one's progress as it changes. A failed Job is reported with its pod's last log lines.
/// </summary>
internal sealed class RolloutWatch(ClusterApi api, DeployReport report)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    public async Task<IReadOnlyDictionary<ObjectKey, WorkloadState>> WaitAsync(
        IReadOnlyList<ObjectKey> workloads, DateTimeOffset deadline, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var results = new Dictionary<ObjectKey, WorkloadState>();
        var tasks = new Dictionary<ObjectKey, DeployReport.Progress>();
        var progress = new Dictionary<ObjectKey, string>();
        foreach (var workload in workloads)
        {
            tasks[workload] = await report.StartAsync($"Waiting for {workload}", cancellationToken);
        }

        while (true)
        {
            foreach (var workload in workloads.Where(w => !results.ContainsKey(w)))
            {
                var state = await StateAsync(workload, cancellationToken);
                switch (state)
                {
                    case WorkloadState.Ready ready:
                        results[workload] = ready;
                        await tasks[workload].SucceedAsync(ready.Summary, cancellationToken);
                        break;
                    case WorkloadState.Failed failed:
                        results[workload] = failed;
                        await tasks[workload].FailAsync(failed.Summary, cancellationToken);
                        break;
                    default:
                        progress[workload] = state.Summary;
                        await tasks[workload].StatusAsync(state.Summary, cancellationToken);
                        break;
                }
            }

            if (results.Count == workloads.Count)
            {
                return results;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                foreach (var workload in workloads.Where(w => !results.ContainsKey(w)))
                {
                    var failed = new WorkloadState.Failed($"not ready after {timeout.TotalSeconds:0} s ({progress.GetValueOrDefault(workload, "no status")}); raise --deploy-timeout if it is only slow");
                    results[workload] = failed;
                    await tasks[workload].FailAsync(failed.Summary, cancellationToken);
                }

                return results;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private async Task<WorkloadState> StateAsync(ObjectKey workload, CancellationToken cancellationToken)
    {
        var live = await api.GetAsync(workload, cancellationToken);
        if (live is null)
        {
            return new WorkloadState.Failed("it is gone from the cluster");
        }

        var judged = WorkloadReadiness.Judge(live);
        var pods = await api.PodsAsync(workload.Namespace!, WorkloadReadiness.PodSelector(live), cancellationToken);
        if (judged is WorkloadState.Failed jobFailed)
        {
            var failedPod = pods.Where(p => p.Status?.Phase == "Failed").OrderBy(p => p.Metadata.CreationTimestamp).LastOrDefault();
            var container = failedPod?.Spec.Containers.FirstOrDefault()?.Name;
            var log = failedPod is null || container is null
                ? string.Empty
                : await api.LogTailAsync(workload.Namespace!, failedPod.Metadata.Name, container, previous: false, cancellationToken);
            return log.Length == 0 ? jobFailed : jobFailed with { Summary = $"{jobFailed.Summary}. The last lines of pod {failedPod!.Metadata.Name}:\n{log}" };
        }

        return judged ?? await PodDiagnosis.DiagnoseAsync(api, workload.Namespace!, pods, cancellationToken);
    }
}

using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Why a workload's pods are not ready, in words a user acts on. Some reasons are final until the user changes
/// something (an image that cannot be pulled, a crash loop, a pod no node can take, a container that cannot be
/// configured); others only mean it is still starting.
/// </summary>
internal static class PodDiagnosis
{
    private static readonly HashSet<string> PullFailures = new(StringComparer.Ordinal)
    {
        "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull", "RegistryUnavailable",
    };

    private static readonly HashSet<string> ConfigurationFailures = new(StringComparer.Ordinal)
    {
        "CreateContainerConfigError", "CreateContainerError", "RunContainerError",
    };

    public static async Task<WorkloadState> DiagnoseAsync(ClusterApi api, string @namespace, IReadOnlyList<V1Pod> pods, CancellationToken cancellationToken)
    {
        if (pods.Count == 0)
        {
            return new WorkloadState.Progressing("no pod yet");
        }

        var waiting = new List<string>();
        foreach (var pod in pods.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
        {
            var name = pod.Metadata.Name;
            if (pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled" && c.Status == "False" && c.Reason == "Unschedulable") is { } unschedulable)
            {
                if (IsLasting(unschedulable))
                {
                    return new WorkloadState.Failed($"pod {name} cannot be scheduled: {unschedulable.Message}");
                }

                waiting.Add($"{name}: not scheduled yet ({unschedulable.Message})");
                continue;
            }

            var statuses = (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? []);
            foreach (var container in statuses)
            {
                var state = container.State?.Waiting;
                if (state?.Reason is not { } reason)
                {
                    continue;
                }

                if (PullFailures.Contains(reason))
                {
                    return new WorkloadState.Failed(
                        $"pod {name}: the image {container.Image} of container '{container.Name}' cannot be pulled ({reason}: {FirstLine(state.Message)}). " +
                        "Check the image name and tag, that the cluster's nodes can reach its registry, and the pull secret.");
                }

                if (reason == "CrashLoopBackOff")
                {
                    var log = await api.LogTailAsync(@namespace, name, container.Name, previous: true, cancellationToken);
                    var exit = container.LastState?.Terminated is { } last ? $", last exit code {last.ExitCode}" : string.Empty;
                    return new WorkloadState.Failed(
                        $"pod {name}: container '{container.Name}' keeps crashing (restarted {container.RestartCount} times{exit}). " +
                        (log.Length > 0 ? $"Its last lines:\n{Indent(log)}" : "It wrote nothing."));
                }

                if (ConfigurationFailures.Contains(reason))
                {
                    return new WorkloadState.Failed($"pod {name}: container '{container.Name}' cannot start ({reason}: {state.Message})");
                }

                waiting.Add($"{name}/{container.Name}: {reason}");
            }

            if (pod.Status?.Phase == "Pending" && waiting.Count == 0)
            {
                waiting.Add($"{name}: pending");
            }
        }

        return new WorkloadState.Progressing(waiting.Count > 0 ? string.Join("; ", waiting) : "starting");
    }

    /// <summary>
    /// A scheduler's refusal that has held for a while and is not about volumes still being bound (a claim binds
    /// some seconds after it is made); the scheduler retries meanwhile.
    /// </summary>
    private static bool IsLasting(V1PodCondition unschedulable) =>
        !(unschedulable.Message ?? string.Empty).Contains("PersistentVolumeClaim", StringComparison.OrdinalIgnoreCase)
        && unschedulable.LastTransitionTime is { } since
        && DateTime.UtcNow - since.ToUniversalTime() > SchedulingGrace;

    private static readonly TimeSpan SchedulingGrace = TimeSpan.FromSeconds(15);

    /// <summary>The daemon's own words, without the runtime's wrapping (<c>rpc error: ... desc = Error response from daemon:</c>).</summary>
    private static string FirstLine(string? text)
    {
        var line = (text ?? string.Empty).Split('\n')[0].Trim();
        foreach (var wrapper in new[] { "Error response from daemon: ", "desc = " })
        {
            var at = line.LastIndexOf(wrapper, StringComparison.Ordinal);
            if (at >= 0)
            {
                return line[(at + wrapper.Length)..];
            }
        }

        return line;
    }

    private static string Indent(string text) => string.Join("\n", text.Split('\n').Select(line => "    " + line));
}

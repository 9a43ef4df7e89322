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
                return new WorkloadState.Failed($"pod {name} cannot be scheduled: {unschedulable.Message}");
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

    private static string FirstLine(string? text) => (text ?? string.Empty).Split('\n')[0].Trim();

    private static string Indent(string text) => string.Join("\n", text.Split('\n').Select(line => "    " + line));
}

using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Compares what the model's pods request with what the cluster's nodes can still allocate, before anything is
/// applied, and says so when they will not fit (a pod that fits no node at all, or more in total than is free).
/// The pods of an earlier deploy of the same model are not counted against it.
/// </summary>
internal static class CapacityCheck
{
    /// <returns>Warnings; none when everything fits or the user may not read the nodes.</returns>
    public static async Task<IReadOnlyList<string>> CheckAsync(
        ClusterApi api, IReadOnlyList<JsonObject> objects, string @namespace, string instance, CancellationToken cancellationToken)
    {
        V1NodeList nodes;
        V1PodList pods;
        try
        {
            nodes = await api.Client.CoreV1.ListNodeAsync(cancellationToken: cancellationToken);
            pods = await api.Client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "status.phase!=Succeeded,status.phase!=Failed", cancellationToken: cancellationToken);
        }
        catch (HttpOperationException)
        {
            return [];
        }

        var schedulable = nodes.Items.Where(n => n.Spec?.Unschedulable != true).ToList();
        if (schedulable.Count == 0)
        {
            return [$"The cluster at {api.Server} has no schedulable node; no pod will start until one joins."];
        }

        var allocatable = schedulable.Aggregate(Resources.None, (sum, n) => sum + Resources.Of(n.Status?.Allocatable));
        var largest = schedulable.Select(n => Resources.Of(n.Status?.Allocatable)).OrderByDescending(r => r.Cpu).First();
        var used = pods.Items
            .Where(p => !(p.Metadata.NamespaceProperty == @namespace && p.Metadata.Labels?.TryGetValue(KubernetesContext.InstanceLabel, out var label) == true && label == instance))
            .Aggregate(Resources.None, (sum, p) => sum + PodRequests(p.Spec));
        var free = allocatable - used;

        var warnings = new List<string>();
        var wanted = Resources.None;
        foreach (var item in objects)
        {
            if (PodSpecOf(item) is not { } spec)
            {
                continue;
            }

            var perPod = PodRequests(spec);
            var replicas = (int?)item["spec"]?["replicas"] ?? 1;
            wanted += perPod * replicas;
            if (perPod.Cpu > largest.Cpu || perPod.Memory > largest.Memory)
            {
                warnings.Add($"{ObjectKey.Of(item)} asks for {perPod} per pod, more than any node of the cluster can allocate ({largest}); it will stay Pending. " +
                    "Lower its requests with WithComputeResources.");
            }
        }

        if (wanted.Cpu > free.Cpu || wanted.Memory > free.Memory)
        {
            warnings.Add($"The model's pods ask for {wanted} in all; the cluster's nodes have {free} free of {allocatable}. Some pods will stay Pending " +
                "(Insufficient cpu or memory): lower requests with WithComputeResources, or add nodes.");
        }

        return warnings;
    }

    private static JsonObject? PodSpecOf(JsonObject item) =>
        (string?)item["kind"] is "Deployment" or "StatefulSet" or "Job" ? item["spec"]?["template"]?["spec"] as JsonObject : null;

    private static Resources PodRequests(JsonObject spec)
    {
        var pod = spec.Deserialize<V1PodSpec>();
        return PodRequests(pod);
    }

    /// <summary>As the scheduler counts a pod: its containers' requests added up, or its largest init container's when that is more.</summary>
    private static Resources PodRequests(V1PodSpec? spec)
    {
        if (spec is null)
        {
            return Resources.None;
        }

        var containers = (spec.Containers ?? []).Aggregate(Resources.None, (sum, c) => sum + Resources.Of(c.Resources?.Requests));
        var init = (spec.InitContainers ?? []).Select(c => Resources.Of(c.Resources?.Requests)).ToList();
        return init.Count == 0 ? containers : Resources.Max(containers, init.Aggregate(Resources.Max));
    }

    private readonly record struct Resources(decimal Cpu, decimal Memory)
    {
        public static readonly Resources None = new(0, 0);

        public static Resources Of(IDictionary<string, ResourceQuantity>? quantities) => new(
            quantities?.TryGetValue("cpu", out var cpu) == true ? cpu.ToDecimal() : 0,
            quantities?.TryGetValue("memory", out var memory) == true ? memory.ToDecimal() : 0);

        public static Resources Max(Resources a, Resources b) => new(Math.Max(a.Cpu, b.Cpu), Math.Max(a.Memory, b.Memory));

        public static Resources operator +(Resources a, Resources b) => new(a.Cpu + b.Cpu, a.Memory + b.Memory);

        public static Resources operator -(Resources a, Resources b) => new(a.Cpu - b.Cpu, a.Memory - b.Memory);

        public static Resources operator *(Resources a, int times) => new(a.Cpu * times, a.Memory * times);

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"{Cpu:0.##} CPU and {Memory / (1024m * 1024 * 1024):0.##} GiB");
    }
}

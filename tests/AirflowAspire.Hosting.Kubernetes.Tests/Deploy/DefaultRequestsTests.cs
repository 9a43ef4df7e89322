using System.Text.Json.Nodes;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Deploy;

/// <summary>
/// The default model must schedule on a dev cluster of 2 CPUs and 4 GiB (kind, minikube, k3d) beside its own
/// system pods, which ask for about 0.95 CPU and 0.4 GiB there.
/// </summary>
public sealed class DefaultRequestsTests
{
    [SkippableFact]
    public async Task TheDefaultTopologyAsksForLessThanASmallDevClusterHasFree()
    {
        using var test = TestApp.CreateForPublish();
        KubernetesTestModels.CeleryRedis(test);
        var deployed = test.CaptureDeployObjects();
        using var cluster = await PublishedCluster.PublishAsync(test);

        decimal cpu = 0, memory = 0;
        foreach (var item in deployed.Objects.Where(o => (string?)o["kind"] is "Deployment" or "StatefulSet" or "Job"))
        {
            var spec = ((JsonObject)item["spec"]!["template"]!["spec"]!).Deserialize<V1PodSpec>();
            var replicas = (int?)item["spec"]!["replicas"] ?? 1;
            var containers = spec.Containers.Select(c => c.Resources.Requests).ToList();
            var inits = (spec.InitContainers ?? []).Select(c => c.Resources.Requests).ToList();
            cpu += replicas * Math.Max(containers.Sum(r => r["cpu"].ToDecimal()), inits.Select(r => r["cpu"].ToDecimal()).DefaultIfEmpty().Max());
            memory += replicas * Math.Max(containers.Sum(r => r["memory"].ToDecimal()), inits.Select(r => r["memory"].ToDecimal()).DefaultIfEmpty().Max());
        }

        Assert.True(cpu <= 1.0m, $"The default model asks for {cpu} CPU; a 2-CPU dev cluster has about 1.05 free.");
        Assert.True(memory <= 3m * 1024 * 1024 * 1024, $"The default model asks for {memory / (1024 * 1024)} MiB; a 4 GiB dev cluster has about 3.4 GiB free.");
    }
}

using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Deploy;

/// <summary>How deploy fits objects to an older server; the same rules run against the real 1.20 cluster in the cluster tests.</summary>
public sealed class ServerAdaptationTests
{
    private static readonly ServedApis Kubernetes120 = new("v1.20.2", 20, new HashSet<string> { "v1", "apps/v1", "batch/v1", "batch/v1beta1", "policy/v1beta1", "autoscaling/v1", "autoscaling/v2beta2" });

    private static readonly ServedApis Kubernetes131 = new("v1.31.0", 31, new HashSet<string> { "v1", "apps/v1", "batch/v1", "policy/v1", "autoscaling/v2" });

    [Fact]
    public void KindsServedOnlyInAnOlderVersionMoveToIt()
    {
        var (objects, notes) = ServerAdaptation.Adapt([Object("policy/v1", "PodDisruptionBudget", "airflow-worker"), Object("autoscaling/v2", "HorizontalPodAutoscaler", "airflow-worker")], Kubernetes120, "https://cluster");

        Assert.Equal(["policy/v1beta1", "autoscaling/v2beta2"], objects.Select(o => (string?)o["apiVersion"]));
        Assert.Contains(notes, n => n.Contains("PodDisruptionBudget/airflow-worker") && n.Contains("policy/v1beta1"));
    }

    [Fact]
    public void AServerThatServesTheCurrentVersionKeepsIt()
    {
        var (objects, notes) = ServerAdaptation.Adapt([Object("policy/v1", "PodDisruptionBudget", "airflow-worker")], Kubernetes131, "https://cluster");

        Assert.Equal("policy/v1", (string?)objects.Single()["apiVersion"]);
        Assert.Empty(notes);
    }

    [Fact]
    public void AKindTheServerLacksStopsTheDeployNamingItAndWhatProvidesIt()
    {
        var error = Assert.Throws<DistributedApplicationException>(() =>
            ServerAdaptation.Adapt([Object("keda.sh/v1alpha1", "ScaledObject", "airflow-worker"), Object("v1", "ConfigMap", "airflow-config")], Kubernetes120, "https://cluster"));

        Assert.Contains("ScaledObject/airflow-worker", error.Message);
        Assert.Contains("install KEDA", error.Message);
        Assert.Contains("nothing was applied", error.Message);
    }

    [Fact]
    public void ANativeSidecarNothingWaitsForBecomesAPlainContainerOnAnOlderServer()
    {
        var pod = Workload(inits: [Container("git-sync-init"), Container("git-sync", sidecar: true)], containers: [Container("scheduler")]);

        var (objects, notes) = ServerAdaptation.Adapt([pod], Kubernetes120, "https://cluster");

        var spec = objects.Single()["spec"]!["template"]!["spec"]!;
        Assert.Equal(["git-sync-init"], ((JsonArray)spec["initContainers"]!).Select(c => (string?)c!["name"]));
        Assert.Equal(["scheduler", "git-sync"], ((JsonArray)spec["containers"]!).Select(c => (string?)c!["name"]));
        Assert.Null(spec["containers"]![1]!["restartPolicy"]);
        Assert.Contains(notes, n => n.Contains("'git-sync' runs as a plain container"));
    }

    [Fact]
    public void ANativeSidecarThatLaterInitContainersNeedCannotBeMadePlainAndStopsTheDeploy()
    {
        var pod = Workload(inits: [Container("postgres", sidecar: true), Container("migrate")], containers: [Container("scheduler")]);

        var error = Assert.Throws<DistributedApplicationException>(() => ServerAdaptation.Adapt([pod], Kubernetes120, "https://cluster"));

        Assert.Contains("'postgres'", error.Message);
        Assert.Contains("'migrate'", error.Message);
        Assert.Contains("1.29", error.Message);
    }

    [Fact]
    public void ANewerServerKeepsNativeSidecars()
    {
        var pod = Workload(inits: [Container("postgres", sidecar: true), Container("migrate")], containers: [Container("scheduler")]);

        var (objects, _) = ServerAdaptation.Adapt([pod], Kubernetes131, "https://cluster");

        Assert.Equal("Always", (string?)objects.Single()["spec"]!["template"]!["spec"]!["initContainers"]![0]!["restartPolicy"]);
    }

    private static JsonObject Object(string apiVersion, string kind, string name) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "airflow" },
    };

    private static JsonObject Workload(JsonNode[] inits, JsonNode[] containers)
    {
        var item = Object("apps/v1", "StatefulSet", "airflow");
        item["spec"] = new JsonObject
        {
            ["template"] = new JsonObject { ["spec"] = new JsonObject { ["initContainers"] = new JsonArray(inits), ["containers"] = new JsonArray(containers) } },
        };
        return item;
    }

    private static JsonObject Container(string name, bool sidecar = false)
    {
        var container = new JsonObject { ["name"] = name, ["image"] = "example:1" };
        if (sidecar)
        {
            container["restartPolicy"] = "Always";
        }

        return container;
    }
}

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

    [Theory]
    [InlineData("v1.20.2", 20, false)]
    [InlineData("v1.28.9-eks-1", 28, false)]
    [InlineData("v1.29.0", 29, true)]
    [InlineData("v1.31.0", 31, true)]
    public void TheTreeIsRenderedWithNativeSidecarsOnlyForAServerThatRunsThem(string version, int minor, bool nativeSidecars)
    {
        var features = new ServedApis(version, minor, new HashSet<string>()).Features;

        Assert.Equal(nativeSidecars, features.NativeSidecars);
        Assert.Equal(version, features.Version);
    }

    private static JsonObject Object(string apiVersion, string kind, string name) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "airflow" },
    };
}

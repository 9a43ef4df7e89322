using System.Text.Json.Nodes;
using k8s;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Deploy;

/// <summary>
/// Deploy applies objects built in memory, not by kustomize; these tests hold them against what
/// <c>kubectl kustomize</c> makes of the same published tree, object by object and field by field.
/// </summary>
public sealed class KustomizeBuildTests
{
    public static TheoryData<string> Models => ["celery-redis", "data-services", "rabbitmq-autoscaled", "keda", "standalone", "kubernetes-executor-prefixed"];

    [SkippableTheory]
    [MemberData(nameof(Models))]
    public async Task DeployAppliesExactlyWhatKubectlKustomizeBuildsFromThePublishedTree(string model)
    {
        using var test = TestApp.CreateForPublish();
        var options = Build(test, model);
        var deployed = test.CaptureDeployObjects();
        using var cluster = await PublishedCluster.PublishAsync(test, options);

        var expected = cluster.Objects.ToDictionary(Key, o => Canonical(KubernetesJson.Serialize(o)));
        var actual = deployed.Objects.ToDictionary(Key, o => Canonical(o.ToJsonString()));

        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (key, json) in expected)
        {
            Assert.True(JsonNode.DeepEquals(json, actual[key]), $"{key} differs at: {string.Join(", ", Differences(json, actual[key], "$"))}");
        }
    }

    private static IReadOnlyDictionary<string, string?>? Build(TestApp test, string model)
    {
        switch (model)
        {
            case "celery-redis":
                KubernetesTestModels.CeleryRedis(test);
                return null;
            case "data-services":
                KubernetesTestModels.DataServices(test);
                return null;
            case "rabbitmq-autoscaled":
                test.AddAirflowWithDatabase(postgresVolume: true).WithRabbitCelery().WithFlower().WithWorkerAutoscaling(1, 4);
                return null;
            case "keda":
                test.AddAirflowWithDatabase(postgresVolume: true).WithRedisCelery().WithKedaAutoscaling(0, 3);
                return null;
            case "standalone":
                test.AddAirflowWithDatabase(postgresVolume: true).WithLocalExecutor().PublishAsStandalonePod();
                return null;
            default:
                test.AddAirflowWithDatabase(postgresVolume: true).WithKubernetesExecutor(new KubernetesExecutorOptions("tasks")).WithLoadBalancer();
                return KubernetesTestModels.Options(prefix: "team-a-");
        }
    }

    /// <summary>The paths where two JSON trees differ, with both values.</summary>
    private static IEnumerable<string> Differences(JsonNode? expected, JsonNode? actual, string path)
    {
        if (expected is JsonObject e && actual is JsonObject a)
        {
            return e.Select(p => p.Key).Union(a.Select(p => p.Key)).SelectMany(k => Differences(e[k], a[k], $"{path}.{k}"));
        }

        if (expected is JsonArray ea && actual is JsonArray aa && ea.Count == aa.Count)
        {
            return ea.SelectMany((item, i) => Differences(item, aa[i], $"{path}[{i}]"));
        }

        return JsonNode.DeepEquals(expected, actual) ? [] : [$"{path} (kustomize: {expected?.ToJsonString() ?? "none"}, deploy: {actual?.ToJsonString() ?? "none"})"];
    }

    private static string Key(IKubernetesObject item) => $"{item.Kind}/{PublishedCluster.Name(item)}";

    private static string Key(JsonObject item) => $"{item["kind"]}/{item["metadata"]?["name"]}";

    /// <summary>The object read back through its KubernetesClient type, so both sides spell numbers and empty fields alike.</summary>
    private static JsonNode Canonical(string json)
    {
        // JSON is YAML, so the strict YAML loader reads it into its kind's type.
        var typed = KubernetesYaml.LoadAllFromString(json, new Dictionary<string, Type>(PublishedCluster.CustomKinds), strict: true).Single();
        return JsonNode.Parse(KubernetesJson.Serialize(typed))!;
    }
}

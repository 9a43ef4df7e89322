using k8s.Models;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AirflowAspire.Hosting.Kubernetes.Tests;

/// <summary>Models and options the Kubernetes publishing tests share.</summary>
internal static class KubernetesTestModels
{
    /// <summary>Postgres, Redis and Airflow with Celery: the default AppHost's topology without the DAG folder.</summary>
    public static TestApp CeleryRedis(TestApp test)
    {
        test.AddAirflowWithDatabase(postgresVolume: true).WithRedisCelery().WithWorkers(2).WithFlower().WithTriggerer();
        return test;
    }

    /// <summary>The three data services on their own, rendered by the generic container template.</summary>
    public static TestApp DataServices(TestApp test)
    {
        test.Builder.AddPostgres("postgres").WithDataVolume().AddDatabase("app-db");
        test.Builder.AddRedis("redis").WithDataVolume();
        test.Builder.AddRabbitMQ("rabbitmq").WithManagementPlugin().WithDataVolume();
        return test;
    }

    public const string NamespaceKey = "namespace";
    public const string NamePrefixKey = "name-prefix";

    /// <summary>The switches of a publish, as the command line gives them (<c>--namespace</c>, <c>--name-prefix</c>, <c>--rotate-secrets</c>, more configuration).</summary>
    public static IReadOnlyDictionary<string, string?> Options(
        string? @namespace = null, string? prefix = null, bool rotate = false, IReadOnlyDictionary<string, string?>? configuration = null)
    {
        var options = new Dictionary<string, string?>(configuration ?? new Dictionary<string, string?>());
        if (@namespace is not null)
        {
            options[NamespaceKey] = @namespace;
        }

        if (prefix is not null)
        {
            options[NamePrefixKey] = prefix;
        }

        if (rotate)
        {
            options["rotate-secrets"] = "true";
        }

        return options;
    }

    /// <summary>Publishes into <paramref name="outputRoot"/> without kubectl and returns why it failed; for the error paths.</summary>
    public static Task<string> PublishFailureAsync(TestApp test, string outputRoot, IReadOnlyDictionary<string, string?>? options = null) =>
        test.PublishFailureAsync(outputRoot, options);

    /// <summary>Every container and init container of the tree, with the object that holds it.</summary>
    public static IEnumerable<(string Owner, V1Container Container)> Containers(this PublishedCluster cluster) =>
        cluster.PodSpecs().SelectMany(p => (p.Spec.InitContainers ?? []).Concat(p.Spec.Containers ?? []).Select(c => (p.Owner, c)));

    /// <summary>kustomization.yaml read strictly into its fields: a key the type does not know fails.</summary>
    public static KustomizationFile Kustomization(this PublishedCluster cluster) =>
        new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
            .Deserialize<KustomizationFile>(cluster.ReadFile(KubernetesRenderer.KustomizationFile));
}

/// <summary>The fields kustomization.yaml is expected to hold.</summary>
internal sealed class KustomizationFile
{
    public string ApiVersion { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string Namespace { get; set; } = string.Empty;

    public List<KustomizationLabels> Labels { get; set; } = [];

    public List<string> Resources { get; set; } = [];

    public List<KustomizationImage> Images { get; set; } = [];

    public List<KustomizationSecret> SecretGenerator { get; set; } = [];
}

internal sealed class KustomizationLabels
{
    public Dictionary<string, string> Pairs { get; set; } = [];

    public bool IncludeSelectors { get; set; }

    public bool IncludeTemplates { get; set; }
}

internal sealed class KustomizationImage
{
    public string Name { get; set; } = string.Empty;

    public string NewTag { get; set; } = string.Empty;
}

internal sealed class KustomizationSecret
{
    public string Name { get; set; } = string.Empty;

    public List<string> Envs { get; set; } = [];

    public string Type { get; set; } = string.Empty;

    public Dictionary<string, bool> Options { get; set; } = [];
}

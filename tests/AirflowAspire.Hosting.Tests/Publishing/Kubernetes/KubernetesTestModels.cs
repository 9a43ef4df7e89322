using AirflowAspire.Hosting.Publishing.Kubernetes;
using AirflowAspire.Hosting.Tests.Integrations.Airflow;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AirflowAspire.Hosting.Tests.Publishing.Kubernetes;

/// <summary>Models and options the Kubernetes publishing tests share.</summary>
internal static class KubernetesTestModels
{
    /// <summary>Postgres, Redis and Airflow with Celery: the default AppHost's topology without the DAG folder.</summary>
    public static DistributedApplicationModel CeleryRedis(TestApp test)
    {
        test.AddAirflowWithDatabase().WithRedisCelery().WithWorkers(2).WithFlower().WithTriggerer();
        return test.Builder.Build().Model;
    }

    /// <summary>The three data services on their own, rendered by the generic container template.</summary>
    public static DistributedApplicationModel DataServices(TestApp test)
    {
        test.Builder.AddPostgres("postgres").AddDatabase("app-db");
        test.Builder.AddRedis("redis");
        test.Builder.AddRabbitMQ("rabbitmq").WithManagementPlugin();
        return test.Builder.Build().Model;
    }

    public static PublishingOptions Options(
        string? @namespace = null, string? prefix = null, bool rotate = false, IReadOnlyDictionary<string, string?>? configuration = null) =>
        new(KubernetesPublisher.PublisherName, null, @namespace, prefix, rotate)
        {
            Configuration = configuration is null ? null : new ConfigurationBuilder().AddInMemoryCollection(configuration).Build(),
        };

    /// <summary>Publishes into <paramref name="outputPath"/> without kubectl; for the error paths.</summary>
    public static Task PublishAsync(DistributedApplicationModel model, string outputPath, PublishingOptions? options = null) =>
        new KubernetesPublisher().PublishAsync(model, (options ?? Options()) with { OutputPath = outputPath }, CancellationToken.None);

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

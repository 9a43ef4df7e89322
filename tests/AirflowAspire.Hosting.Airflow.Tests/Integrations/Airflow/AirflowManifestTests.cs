using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Airflow.Tests.Manifest;

namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>Every Airflow version and executor publishes, through Aspire's manifest publisher, a manifest Aspire tools accept.</summary>
public class AirflowManifestTests
{
    public static TheoryData<string, string> Topologies => new()
    {
        { "3.2.2", "local" }, { "3.2.2", "celery-redis" }, { "3.2.2", "celery-rabbitmq" }, { "3.2.2", "kubernetes" },
        { "2.11.0", "local" }, { "2.11.0", "celery-redis" }, { "2.10.5", "celery-rabbitmq" }, { "2.11.0", "kubernetes" },
    };

    [Theory]
    [MemberData(nameof(Topologies))]
    public async Task Manifest_conforms_and_every_airflow_option_exists_in_its_version(string version, string executor)
    {
        var json = await TestApp.PublishManifestAsync(builder => Declare(builder, version, executor));

        ManifestConformance.Assert(json);
        var resources = JsonNode.Parse(json)!["resources"]!.AsObject();
        var web = resources[version.StartsWith('3') ? "airflow-api-server" : "airflow-webserver"]!;
        Assert.Equal(8080, web["bindings"]!["http"]!["targetPort"]!.GetValue<int>());
        Assert.True(web["bindings"]!["http"]!["external"]!.GetValue<bool>());

        var parsedVersion = AirflowVersion.Parse(version, "airflow");
        var options = resources
            .SelectMany(r => r.Value!["env"]?.AsObject().Select(e => e.Key) ?? [])
            .Where(key => key.StartsWith("AIRFLOW__", StringComparison.Ordinal))
            .Select(key => key.EndsWith("_CMD", StringComparison.Ordinal) ? key[..^4] : key)
            .Select(key => key.Split("__"))
            .Distinct()
            .ToList();
        Assert.NotEmpty(options);
        Assert.All(options, o => Assert.True(AirflowConfigCatalog.Exists(o[1], o[2], parsedVersion), $"[{o[1]}] {o[2]} is not an option of Airflow {version}"));
    }

    private static void Declare(IDistributedApplicationBuilder builder, string version, string executor)
    {
        var db = builder.AddPostgres("postgres").AddDatabase("airflow-db", "airflow");
        var airflow = builder.AddAirflow("airflow", apiServerPort: 8080).WithDatabase(db).WithVersion(version).WithTriggerer();
        _ = version.StartsWith('2') ? airflow.WithStandaloneDagProcessor() : airflow;
        _ = executor switch
        {
            "celery-redis" => airflow.WithCeleryExecutor(builder.AddRedis("redis")).WithFlower().WithWorkers(2),
            "celery-rabbitmq" => airflow.WithCeleryExecutor(builder.AddRabbitMQ("rabbitmq")).WithFlower(),
            "kubernetes" => airflow.WithKubernetesExecutor(),
            _ => airflow,
        };
    }
}

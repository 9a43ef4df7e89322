using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Integrations.Airflow;
using AirflowAspire.Hosting.Publishing.Manifest;
using AirflowAspire.Hosting.Tests.Manifest;

namespace AirflowAspire.Hosting.Tests.Integrations.Airflow;

/// <summary>Every Airflow version and executor publishes a manifest Aspire tools accept.</summary>
public class AirflowManifestTests
{
    public static TheoryData<string, string> Topologies => new()
    {
        { "3.2.2", "local" }, { "3.2.2", "celery-redis" }, { "3.2.2", "celery-rabbitmq" }, { "3.2.2", "kubernetes" },
        { "2.11.0", "local" }, { "2.11.0", "celery-redis" }, { "2.10.5", "celery-rabbitmq" }, { "2.11.0", "kubernetes" },
    };

    [Theory]
    [MemberData(nameof(Topologies))]
    public void Manifest_conforms_for_every_version_and_executor(string version, string executor)
    {
        using var test = TestApp.Create("--publisher", "manifest");
        var airflow = test.AddAirflowWithDatabase(version).WithTriggerer();
        _ = executor switch
        {
            "celery-redis" => airflow.WithRedisCelery().WithFlower().WithWorkers(2),
            "celery-rabbitmq" => airflow.WithRabbitCelery().WithFlower(),
            "kubernetes" => airflow.WithKubernetesExecutor(),
            _ => airflow,
        };
        var model = test.Builder.Build().Model;

        var json = ManifestRenderer.Render(model, test.Directory);

        ManifestConformance.Assert(json);
        var web = JsonNode.Parse(json)!["resources"]![version.StartsWith('3') ? "airflow-api-server" : "airflow-webserver"]!;
        Assert.Equal(8080, web["bindings"]!["http"]!["targetPort"]!.GetValue<int>());
        Assert.True(web["bindings"]!["http"]!["external"]!.GetValue<bool>());
    }

    [Theory]
    [MemberData(nameof(Topologies))]
    public void Every_airflow_option_in_the_manifest_exists_in_its_version(string version, string executor)
    {
        using var test = TestApp.Create("--publisher", "manifest");
        var airflow = test.AddAirflowWithDatabase(version).WithTriggerer();
        _ = executor.StartsWith("celery", StringComparison.Ordinal) ? airflow.WithRedisCelery().WithFlower() : airflow;
        _ = version.StartsWith('2') ? airflow.WithStandaloneDagProcessor() : airflow;
        var model = test.Builder.Build().Model;
        var parsedVersion = AirflowVersion.Parse(version, "airflow");

        var resources = JsonNode.Parse(ManifestRenderer.Render(model, test.Directory))!["resources"]!.AsObject();
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

    [Fact]
    public void Execution_api_url_uses_the_http_binding_aspire_tools_resolve()
    {
        using var test = TestApp.Create("--publisher", "manifest");
        test.AddAirflowWithDatabase();
        var model = test.Builder.Build().Model;

        var env = JsonNode.Parse(ManifestRenderer.Render(model, test.Directory))!["resources"]!["airflow-scheduler"]!["env"]!;
        Assert.Equal("{airflow-api-server.bindings.http.url}/execution/", env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"]!.GetValue<string>());
        Assert.Equal("{airflow-jwt-secret.value}", env["AIRFLOW__API_AUTH__JWT_SECRET"]!.GetValue<string>());
    }
}

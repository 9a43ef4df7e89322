using AirflowAspire.Hosting.Compose.Tests.TestSupport;
using YamlDotNet.RepresentationModel;
using static AirflowAspire.Hosting.Compose.Tests.TestSupport.ComposeDocument;

namespace AirflowAspire.Hosting.Compose.Tests;

/// <summary>Waits as depends_on conditions, a database's as its server's.</summary>
public sealed class ComposeDependsOnTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Airflow_waits_for_healthy_servers_and_the_completed_init_and_workers_for_the_api_server()
    {
        await using var test = ComposeTestApp.Create(temp.Path);
        test.Builder.AddAirflowWithDatabase(postgresVolume: true, apiServerPort: 8080).WithRedisCelery(dataVolume: true);

        var compose = await test.PublishAsync();

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["airflow-api-server"] = "service_healthy",
                ["airflow-init"] = "service_completed_successfully",
                ["postgres"] = "service_healthy", // the wait is on the database airflow-db, which lives in postgres
                ["redis"] = "service_healthy",
            },
            Conditions(compose, "airflow-worker"));
        Assert.Equal(
            new Dictionary<string, string> { ["postgres"] = "service_healthy", ["redis"] = "service_healthy" },
            Conditions(compose, "airflow-init"));
        Assert.Equal("service_completed_successfully", Conditions(compose, "airflow-scheduler")["airflow-init"]);
        Assert.False(Has(compose.Service("postgres"), "depends_on"));
    }

    [Fact]
    public async Task A_wait_on_a_service_without_a_health_check_waits_for_its_start_and_one_on_a_parameter_is_dropped()
    {
        await using var test = ComposeTestApp.Create(temp.Path);
        var plain = test.Builder.AddContainer("plain", "busybox", "1.36");
        var token = test.Builder.AddParameter("token", new GenerateParameterDefault(), secret: true);
        test.Builder.AddContainer("app", "busybox", "1.36")
            .WaitFor(plain)
            .WaitFor(token);

        var compose = await test.PublishAsync();

        Assert.Equal(new Dictionary<string, string> { ["plain"] = "service_started" }, Conditions(compose, "app"));
    }

    [Fact]
    public async Task A_container_another_waits_for_to_complete_runs_once()
    {
        await using var test = ComposeTestApp.Create(temp.Path);
        var migrate = test.Builder.AddContainer("migrate", "busybox", "1.36");
        test.Builder.AddContainer("app", "busybox", "1.36").WaitForCompletion(migrate);

        var compose = await test.PublishAsync();

        Assert.Equal(new Dictionary<string, string> { ["migrate"] = "service_completed_successfully" }, Conditions(compose, "app"));
        Assert.Equal("no", Value(compose.Service("migrate"), "restart"));
        Assert.Equal("always", Value(compose.Service("app"), "restart"));
    }

    private static Dictionary<string, string> Conditions(ComposeDocument compose, string service) =>
        Mapping(compose.Service(service), "depends_on").Children
            .ToDictionary(d => d.Key.ToString(), d => Value((YamlMappingNode)d.Value, "condition"));
}

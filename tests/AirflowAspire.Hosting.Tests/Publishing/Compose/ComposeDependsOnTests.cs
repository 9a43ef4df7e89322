using AirflowAspire.Hosting.Tests.Integrations.Airflow;
using static AirflowAspire.Hosting.Tests.Publishing.Compose.ComposeDocument;

namespace AirflowAspire.Hosting.Tests.Publishing.Compose;

/// <summary>Waits as depends_on conditions, a database's as its server's.</summary>
public class ComposeDependsOnTests
{
    [Fact]
    public void Airflow_waits_for_healthy_servers_and_the_completed_init_and_workers_for_the_api_server()
    {
        using var test = TestApp.Create("--publisher", "compose");
        test.AddAirflowWithDatabase().WithRedisCelery();

        var (compose, _) = ComposeRendererTests.Render(test);

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
    public void A_wait_on_a_service_without_a_health_check_waits_for_it_to_start_and_one_on_a_parameter_is_dropped()
    {
        using var test = TestApp.Create("--publisher", "compose");
        var plain = test.Builder.AddContainer("plain", "busybox", "1.36");
        var secret = test.Builder.AddGeneratedSecret("token");
        test.Builder.AddContainer("app", "busybox", "1.36")
            .WaitFor(plain)
            .WaitFor(secret);

        var (compose, _) = ComposeRendererTests.Render(test);

        Assert.Equal(new Dictionary<string, string> { ["plain"] = "service_started" }, Conditions(compose, "app"));
    }

    private static Dictionary<string, string> Conditions(ComposeDocument compose, string service) =>
        Mapping(compose.Service(service), "depends_on").Children
            .ToDictionary(d => d.Key.ToString(), d => Value((YamlDotNet.RepresentationModel.YamlMappingNode)d.Value, "condition"));
}

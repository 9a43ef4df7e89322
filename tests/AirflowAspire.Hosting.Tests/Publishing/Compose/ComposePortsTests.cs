using AirflowAspire.Hosting.Tests.Integrations.Airflow;
using static AirflowAspire.Hosting.Tests.Publishing.Compose.ComposeDocument;

namespace AirflowAspire.Hosting.Tests.Publishing.Compose;

/// <summary>Only external endpoints and fixed host ports are published; the rest stay on the compose network.</summary>
public class ComposePortsTests
{
    [Fact]
    public void The_external_ui_is_published_on_its_port_and_internal_endpoints_are_not()
    {
        using var test = TestApp.Create("--publisher", "compose");
        test.AddAirflowWithDatabase().WithRedisCelery().WithFlower();
        test.Builder.AddAirflow("other", apiServerPort: null).WithDatabase(test.Builder.AddPostgres("pg2").AddDatabase("other-db"));

        var (compose, _) = ComposeRendererTests.Render(test);

        Assert.Equal(["8080:8080"], List(compose.Service("airflow-api-server"), "ports"));
        Assert.Equal(["8080:8080"], List(compose.Service("other-api-server"), "ports")); // external: its target port
        foreach (var name in new[] { "postgres", "redis", "airflow-scheduler", "airflow-worker", "airflow-flower" })
        {
            Assert.False(Has(compose.Service(name), "ports"), $"{name} should not publish a port.");
        }
    }

    [Fact]
    public void A_fixed_host_port_is_published_on_loopback_and_a_replicated_external_endpoint_on_free_ports()
    {
        using var test = TestApp.Create("--publisher", "compose");
        test.Builder.AddPostgres("postgres", port: 15432);
        test.Builder.AddContainer("web", "nginx", "1.27").WithHttpEndpoint(80, isExternal: true).WithReplicas(2);
        test.Builder.AddContainer("dns", "coredns/coredns", "1.11").WithEndpoint("dns", 53, 1053, scheme: "udp");

        var (compose, _) = ComposeRendererTests.Render(test);

        Assert.Equal(["127.0.0.1:15432:5432"], List(compose.Service("postgres"), "ports"));
        Assert.Equal(["80"], List(compose.Service("web"), "ports"));
        Assert.Equal(["127.0.0.1:1053:53/udp"], List(compose.Service("dns"), "ports"));
    }
}

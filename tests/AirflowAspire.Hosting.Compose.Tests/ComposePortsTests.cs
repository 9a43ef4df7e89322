using AirflowAspire.Hosting.Compose.Tests.TestSupport;
using static AirflowAspire.Hosting.Compose.Tests.TestSupport.ComposeDocument;

namespace AirflowAspire.Hosting.Compose.Tests;

/// <summary>Only external endpoints and fixed host ports are published; the rest stay on the compose network.</summary>
public sealed class ComposePortsTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task The_external_uis_are_published_on_their_ports_and_internal_endpoints_are_not()
    {
        await using var test = ComposeTestApp.Create(temp.Path);
        test.Builder.AddAirflowWithDatabase(postgresVolume: true, apiServerPort: 8080).WithRedisCelery(dataVolume: true).WithFlower();
        test.Builder.AddAirflow("other").WithDatabase(test.Builder.AddPostgres("pg2").AddDatabase("other-db"));

        var compose = await test.PublishAsync();

        Assert.Equal(["8080:8080"], List(compose.Service("airflow-api-server"), "ports"));
        Assert.Equal(["8080:8080"], List(compose.Service("other-api-server"), "ports")); // external: its target port
        Assert.Equal(["5555:5555"], List(compose.Service("airflow-flower"), "ports"));
        foreach (var name in new[] { "postgres", "redis", "airflow-scheduler", "airflow-worker", "pg2" })
        {
            Assert.False(Has(compose.Service(name), "ports"), $"{name} should not publish a port.");
        }
    }

    [Fact]
    public async Task A_fixed_host_port_is_published_on_loopback_and_a_replicated_external_endpoint_on_free_ports()
    {
        await using var test = ComposeTestApp.Create(temp.Path);
        test.Builder.AddPostgres("postgres", port: 15432);
        test.Builder.AddContainer("web", "nginx", "1.27").WithHttpEndpoint(targetPort: 80).WithExternalHttpEndpoints().WithAnnotation(new ReplicaAnnotation(2));
        test.Builder.AddContainer("dns", "coredns/coredns", "1.11")
            .WithEndpoint(port: 1053, targetPort: 53, name: "dns", protocol: System.Net.Sockets.ProtocolType.Udp);

        var compose = await test.PublishAsync();

        Assert.Equal(["127.0.0.1:15432:5432"], List(compose.Service("postgres"), "ports"));
        Assert.Equal(["80"], List(compose.Service("web"), "ports"));
        Assert.Equal(["127.0.0.1:1053:53/udp"], List(compose.Service("dns"), "ports"));
    }
}

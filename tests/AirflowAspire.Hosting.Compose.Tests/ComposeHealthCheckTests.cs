using AirflowAspire.Hosting.Compose.Tests.TestSupport;
using static AirflowAspire.Hosting.Compose.Tests.TestSupport.ComposeDocument;

namespace AirflowAspire.Hosting.Compose.Tests;

/// <summary>Health checks as the official Airflow compose file writes them, and the data services' usual pings.</summary>
public sealed class ComposeHealthCheckTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Postgres_and_redis_use_their_own_commands_with_the_official_timings()
    {
        await using var test = ComposeTestApp.Create(temp.Path);
        test.Builder.AddAirflowWithDatabase(postgresVolume: true, apiServerPort: 8080).WithRedisCelery(dataVolume: true);

        var compose = await test.PublishAsync();

        var postgres = Mapping(compose.Service("postgres"), "healthcheck");
        Assert.Equal(["CMD", "pg_isready", "-h", "127.0.0.1", "-U", "postgres"], List(postgres, "test"));
        Assert.Equal(["10s", "10s", "5", "5s"], Timings(postgres));

        var redis = Mapping(compose.Service("redis"), "healthcheck");
        Assert.Equal(["CMD-SHELL", "REDISCLI_AUTH=\"$$REDIS_PASSWORD\" redis-cli ping | grep -q PONG"], List(redis, "test"));
        Assert.Equal(["10s", "30s", "50", "30s"], Timings(redis));
        Assert.Equal("${REDIS_PASSWORD}", EnvironmentOf(compose.Service("redis"))["REDIS_PASSWORD"]); // what the check reads
    }

    [Fact]
    public async Task RabbitMQ_is_pinged_with_its_diagnostics_tool()
    {
        await using var test = ComposeTestApp.Create(temp.Path);
        test.Builder.AddAirflowWithDatabase(postgresVolume: true, apiServerPort: 8080).WithRabbitCelery(dataVolume: true);

        var compose = await test.PublishAsync();

        var rabbit = Mapping(compose.Service("rabbitmq"), "healthcheck");
        Assert.Equal(["CMD", "rabbitmq-diagnostics", "-q", "ping"], List(rabbit, "test"));
        Assert.Equal(["10s", "10s", "10", "20s"], Timings(rabbit));
    }

    [Fact]
    public async Task Airflow_components_check_with_curl_or_their_shell_command_dollars_escaped()
    {
        await using var test = ComposeTestApp.Create(temp.Path);
        test.Builder.AddAirflowWithDatabase(postgresVolume: true, apiServerPort: 8080).WithRedisCelery(dataVolume: true).WithFlower().WithTriggerer();

        var compose = await test.PublishAsync();

        string[] Test(string service) => [.. List(Mapping(compose.Service(service), "healthcheck"), "test")];
        Assert.Equal(["CMD", "curl", "--fail", "http://localhost:8080/api/v2/monitor/health"], Test("airflow-api-server"));
        Assert.Equal(["CMD", "curl", "--fail", "http://localhost:8974/health"], Test("airflow-scheduler"));
        Assert.Equal(["CMD", "curl", "--fail", "http://localhost:5555/"], Test("airflow-flower"));
        Assert.Equal(["CMD-SHELL", "airflow jobs check --job-type DagProcessorJob --hostname \"$${HOSTNAME}\""], Test("airflow-dag-processor"));
        Assert.Equal(["CMD-SHELL", "airflow jobs check --job-type TriggererJob --hostname \"$${HOSTNAME}\""], Test("airflow-triggerer"));
        var worker = Test("airflow-worker");
        Assert.Equal("CMD-SHELL", worker[0]);
        Assert.Contains("inspect ping -d \"celery@$${HOSTNAME}\"", worker[1]);
        Assert.Equal(["30s", "10s", "5", "30s"], Timings(Mapping(compose.Service("airflow-scheduler"), "healthcheck")));
        Assert.False(Has(compose.Service("airflow-init"), "healthcheck"));
    }

    [Fact]
    public async Task A_container_the_publisher_knows_nothing_about_gets_no_health_check()
    {
        await using var test = ComposeTestApp.Create(temp.Path);
        test.Builder.AddContainer("web", "nginx", "1.27").WithHttpEndpoint(targetPort: 80).WithHttpHealthCheck("/ready");

        var compose = await test.PublishAsync();

        Assert.False(Has(compose.Service("web"), "healthcheck")); // Aspire's check runs in the AppHost, not in the container
    }

    private static IEnumerable<string> Timings(YamlDotNet.RepresentationModel.YamlMappingNode healthcheck) =>
        new[] { "interval", "timeout", "retries", "start_period" }.Select(k => Value(healthcheck, k));
}

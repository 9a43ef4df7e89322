using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Tests.Integrations.Airflow;
using static AirflowAspire.Hosting.Tests.Publishing.Compose.ComposeDocument;

namespace AirflowAspire.Hosting.Tests.Publishing.Compose;

/// <summary>Health checks as the official Airflow compose file writes them, with the model's timings.</summary>
public class ComposeHealthCheckTests
{
    [Fact]
    public void Postgres_and_redis_use_their_own_commands_with_the_official_timings()
    {
        using var test = TestApp.Create("--publisher", "compose");
        test.AddAirflowWithDatabase().WithRedisCelery();

        var (compose, _) = ComposeRendererTests.Render(test);

        var postgres = Mapping(compose.Service("postgres"), "healthcheck");
        Assert.Equal(["CMD", "pg_isready", "-h", "127.0.0.1", "-U", "postgres"], List(postgres, "test"));
        Assert.Equal("10s", Value(postgres, "interval"));
        Assert.Equal("10s", Value(postgres, "timeout"));
        Assert.Equal("5", Value(postgres, "retries"));
        Assert.Equal("5s", Value(postgres, "start_period"));

        var redis = Mapping(compose.Service("redis"), "healthcheck");
        Assert.Equal(["CMD-SHELL", "REDISCLI_AUTH=\"$$REDIS_PASSWORD\" redis-cli ping | grep -q PONG"], List(redis, "test"));
        Assert.Equal("50", Value(redis, "retries"));
        Assert.Equal("30s", Value(redis, "timeout"));
        Assert.Equal("30s", Value(redis, "start_period"));
    }

    [Fact]
    public void Airflow_components_check_with_curl_or_their_shell_command_dollars_escaped()
    {
        using var test = TestApp.Create("--publisher", "compose");
        test.AddAirflowWithDatabase().WithRedisCelery().WithFlower().WithTriggerer();

        var (compose, _) = ComposeRendererTests.Render(test);

        string[] Test(string service) => [.. List(Mapping(compose.Service(service), "healthcheck"), "test")];
        Assert.Equal(["CMD", "curl", "--fail", "http://localhost:8080/api/v2/monitor/health"], Test("airflow-api-server"));
        Assert.Equal(["CMD", "curl", "--fail", "http://localhost:8974/health"], Test("airflow-scheduler"));
        Assert.Equal(["CMD", "curl", "--fail", "http://localhost:5555/"], Test("airflow-flower"));
        Assert.Equal(["CMD-SHELL", "airflow jobs check --job-type DagProcessorJob --hostname \"$${HOSTNAME}\""], Test("airflow-dag-processor"));
        Assert.Equal(["CMD-SHELL", "airflow jobs check --job-type TriggererJob --hostname \"$${HOSTNAME}\""], Test("airflow-triggerer"));
        var worker = Test("airflow-worker");
        Assert.Equal("CMD-SHELL", worker[0]);
        Assert.Contains("inspect ping -d \"celery@$${HOSTNAME}\"", worker[1]);
        var timings = Mapping(compose.Service("airflow-scheduler"), "healthcheck");
        Assert.Equal(["30s", "10s", "5", "30s"], new[] { "interval", "timeout", "retries", "start_period" }.Select(k => Value(timings, k)));
        Assert.False(Has(compose.Service("airflow-init"), "healthcheck"));
    }

    [Fact]
    public void Tcp_checks_use_bash_and_timings_are_the_annotations()
    {
        using var test = TestApp.Create("--publisher", "compose");
        test.Builder.AddContainer("db", "postgres", "17.6").WithEndpoint("tcp", 5432).WithTcpHealthCheck();
        test.Builder.AddContainer("tool", "busybox", "1.36")
            .WithCommandHealthCheck(new CommandHealthCheckAnnotation(["test", "-f", "/tmp/ready"])
            {
                Interval = TimeSpan.FromMilliseconds(1500),
                Timeout = TimeSpan.FromMinutes(2),
                Retries = 7,
                StartPeriod = TimeSpan.Zero,
            });

        var (compose, _) = ComposeRendererTests.Render(test);

        Assert.Equal(["CMD", "bash", "-c", "</dev/tcp/127.0.0.1/5432"], List(Mapping(compose.Service("db"), "healthcheck"), "test"));
        var tool = Mapping(compose.Service("tool"), "healthcheck");
        Assert.Equal(["CMD", "test", "-f", "/tmp/ready"], List(tool, "test"));
        Assert.Equal(["1500ms", "120s", "7", "0s"], new[] { "interval", "timeout", "retries", "start_period" }.Select(k => Value(tool, k)));
    }

    [Fact]
    public void Several_checks_become_one_shell_line_that_needs_them_all()
    {
        using var test = TestApp.Create("--publisher", "compose");
        test.Builder.AddContainer("web", "nginx", "1.27").WithHttpEndpoint(80).WithHttpHealthCheck("/ready")
            .WithCommandHealthCheck(new CommandHealthCheckAnnotation(["test -f /tmp/up-$HOSTNAME"], UseShell: true));

        var (compose, _) = ComposeRendererTests.Render(test);

        Assert.Equal(
            ["CMD-SHELL", "curl --fail http://localhost:80/ready && ( test -f /tmp/up-$$HOSTNAME )"],
            List(Mapping(compose.Service("web"), "healthcheck"), "test"));
    }
}

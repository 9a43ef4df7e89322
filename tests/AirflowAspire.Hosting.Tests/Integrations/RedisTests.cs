using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Integrations.Redis;

namespace AirflowAspire.Hosting.Tests.Integrations;

public class RedisTests
{
    [Fact]
    public void Runs_the_pinned_official_image_with_the_password_only_in_the_environment()
    {
        using var test = TestApp.Create();
        var redis = test.Builder.AddRedis("cache").Resource;
        test.Builder.Build();

        Assert.Equal("docker.io/library/redis:7.4.5", redis.Image.Reference);
        var args = redis.GetArgs(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run))
            .Select(a => a.ToLocalValue(TestApp.LocalContext(LocalConsumer.ContainerNetwork))).ToList();
        Assert.Equal("/bin/sh", redis.GetEntrypoint());
        Assert.Equal("-c", args[0]);
        Assert.StartsWith("exec redis-server - ", args[1]);
        Assert.Contains("requirepass ${REDIS_PASSWORD}", args[1]);
        Assert.DoesNotContain("--requirepass", args[1]);
        Assert.DoesNotContain("value-of-cache-password", string.Join(" ", args));
        Assert.Equal("value-of-cache-password", TestApp.LocalEnvironment(redis)["REDIS_PASSWORD"]);
    }

    [Fact]
    public void Persists_to_a_data_volume_and_checks_health_with_an_authenticated_ping()
    {
        using var test = TestApp.Create();
        var redis = test.Builder.AddRedis("cache").Resource;

        Assert.Equal("/data", Assert.Single(redis.GetMounts()).Target);
        var check = Assert.IsType<CommandHealthCheckAnnotation>(Assert.Single(redis.GetHealthChecks()));
        Assert.True(check.UseShell);
        Assert.Contains("redis-cli", check.Command[0]);
        Assert.Contains("REDISCLI_AUTH=\"$REDIS_PASSWORD\"", check.Command[0]);
        Assert.DoesNotContain(" -a ", check.Command[0]);
        Assert.Contains("ping", check.Command[0]);
    }

    [Fact]
    public void Connection_string_is_stackexchange_form()
    {
        using var test = TestApp.Create();
        var redis = test.Builder.AddRedis("cache", port: 16379).Resource;

        Assert.Equal("cache:6379,password=value-of-cache-password",
            redis.ConnectionStringExpression.ToLocalValue(TestApp.LocalContext(LocalConsumer.ContainerNetwork)));
        Assert.Equal("127.0.0.1:16379,password=value-of-cache-password",
            redis.ConnectionStringExpression.ToLocalValue(TestApp.LocalContext(LocalConsumer.Host)));
    }
}

using AirflowAspire.Orchestration.Tests.TestSupport;

namespace AirflowAspire.Orchestration.Tests.Containers;

public sealed class RedisContainerTests
{
    private const string RedisHealthCommand = "redis-cli --no-auth-warning -a \"$REDIS_PASSWORD\" ping | grep -q PONG";

    [SkippableFact]
    public async Task Redis_logs_arrive_and_its_health_command_passes_with_the_password_from_the_environment()
    {
        await using var app = await ContainerTestApp.StartAsync();
        var log = new CollectingWorkloadLog();

        var redis = await app.StartWorkloadAsync(TestSpecs.Redis(TestSpecs.NewSecret(), FreePort.Pick(), app.Volume("redis-data")), log);

        var ready = await log.WaitForAsync(l => l.Contains("Ready to accept connections"), TimeSpan.FromSeconds(60));
        Assert.DoesNotMatch(@"^\d{4}-\d{2}-\d{2}T", ready.Text);
        var health = await HealthCommand.UntilPassesAsync(redis, [RedisHealthCommand], useShell: true, TimeSpan.FromSeconds(30));
        Assert.True(health.ExitCode == 0, $"the health command failed: {health.Output}");

        var wrongPassword = await redis.ExecAsync(
            ["redis-cli", "--no-auth-warning", "-a", "wrong", "ping"], useShell: false, TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Contains("WRONGPASS", wrongPassword.Output);
    }

    [SkippableFact]
    public async Task Redis_reached_on_its_host_port_answers_only_with_the_password()
    {
        await using var app = await ContainerTestApp.StartAsync();
        var log = new CollectingWorkloadLog();
        var password = TestSpecs.NewSecret();
        var port = FreePort.Pick();

        await app.StartWorkloadAsync(TestSpecs.Redis(password, port), log);
        await log.WaitForAsync(l => l.Contains("Ready to accept connections"), TimeSpan.FromSeconds(60));

        Assert.Equal("+PONG", await RedisWire.SendAsync(port, $"AUTH {password}\r\nPING\r\n", lines: 2, lastOnly: true));
        Assert.StartsWith("-NOAUTH", await RedisWire.SendAsync(port, "PING\r\n", lines: 1, lastOnly: true));
    }
}

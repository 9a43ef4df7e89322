using System.Runtime.Versioning;
using AirflowAspire.Hosting;
using AirflowAspire.Orchestration.Tests.TestSupport;
using Xunit.Abstractions;

namespace AirflowAspire.Orchestration.Tests.Processes;

[SupportedOSPlatform("linux")]
public sealed class RedisLocalProcessTests(ITestOutputHelper output)
{
    private static string Password => LocalProcessTestApp.ParameterValuePrefix + "redis-password";

    [SkippableFact]
    public async Task Serves_clients_that_give_the_password_and_keeps_it_out_of_sight()
    {
        ServerTools.RequireRedis();
        await using var app = LocalProcessTestApp.Create(builder => builder.AddRedis("redis"));

        var (redis, started) = await app.StartHealthyAsync("redis", new CollectingWorkloadLog(), TimeSpan.FromSeconds(30));
        output.WriteLine($"redis: healthy {started.TotalSeconds:0.00} s after StartAsync");
        var port = redis.Spec.Ports.Single().HostPort;

        using (var client = await RespClient.ConnectAsync(port))
        {
            Assert.StartsWith("-NOAUTH", await client.SendAsync("PING"));
            Assert.StartsWith("-WRONGPASS", await client.SendAsync("AUTH", "wrong"));
            Assert.Equal("+OK", await client.SendAsync("AUTH", Password));
            Assert.Equal("+PONG", await client.SendAsync("PING"));
            Assert.Equal("+OK", await client.SendAsync("SET", "key", "value"));
        }

        Assert.Empty(LeftoverProcesses.WithCommandLineContaining(Password));
        var configuration = Path.Combine(app.StateDirectory, "redis", "redis.conf");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(configuration));

        await redis.StopAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Equal(0, await redis.Exited);
        Assert.Empty(LeftoverProcesses.Of(app.StateDirectory));
        Assert.True(Directory.Exists(Path.Combine(app.StateDirectory, "redis", "appendonlydir")), "the append-only file is kept for the next start");
    }
}

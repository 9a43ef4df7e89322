using System.Runtime.Versioning;
using AirflowAspire.Hosting;
using AirflowAspire.Orchestration.Tests.TestSupport;
using Xunit.Abstractions;

namespace AirflowAspire.Orchestration.Tests.Processes;

[SupportedOSPlatform("linux")]
public sealed class RabbitMQLocalProcessTests(ITestOutputHelper output)
{
    private static string Password => LocalProcessTestApp.ParameterValuePrefix + "rabbitmq-password";

    [SkippableFact]
    public async Task Accepts_AMQP_clients_with_the_password_keeps_its_data_and_leaves_no_epmd_behind()
    {
        ServerTools.RequireRabbitMQ();
        await using var app = LocalProcessTestApp.Create(builder => builder.AddRabbitMQ("rabbitmq"));

        var log = new CollectingWorkloadLog();
        var (rabbit, started) = await app.StartHealthyAsync("rabbitmq", log, TimeSpan.FromSeconds(90));
        output.WriteLine($"rabbitmq, first start: healthy {started.TotalSeconds:0.00} s after StartAsync");
        var port = rabbit.Spec.Ports.Single().HostPort;

        Assert.True(await AmqpHandshake.AuthenticatesAsync(port, "guest", Password), "the broker refused the generated password");
        Assert.False(await AmqpHandshake.AuthenticatesAsync(port, "guest", "guest"), "the broker accepted the default password");
        Assert.Empty(LeftoverProcesses.WithCommandLineContaining(Password));
        Assert.Contains(log.Lines, l => l.Text.Contains("Server startup complete"));
        Assert.Contains(log.Lines, l => l.Text.Contains("Created user 'guest'"));

        await rabbit.StopAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal(0, await rabbit.Exited);
        Assert.Empty(LeftoverProcesses.Of(app.StateDirectory));

        // The node name is stable, so a restart opens the same database instead of making a new one.
        var restartLog = new CollectingWorkloadLog();
        var (restarted, restart) = await app.StartHealthyAsync("rabbitmq", restartLog, TimeSpan.FromSeconds(90));
        output.WriteLine($"rabbitmq, restart: healthy {restart.TotalSeconds:0.00} s after StartAsync");
        Assert.DoesNotContain(restartLog.Lines, l => l.Text.Contains("Created user"));
        Assert.True(await AmqpHandshake.AuthenticatesAsync(port, "guest", Password));

        await restarted.StopAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Empty(LeftoverProcesses.Of(app.StateDirectory));
    }
}

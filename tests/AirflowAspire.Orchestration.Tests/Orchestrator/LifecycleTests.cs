using System.Net;
using System.Net.Sockets;
using AirflowAspire.Hosting;
using AirflowAspire.Hosting.Orchestration;
using AirflowAspire.Orchestration.Tests.Containers;

namespace AirflowAspire.Orchestration.Tests.Orchestrator;

/// <summary>Crashes, commands, ports and clean-up, as a user of the dashboard sees them.</summary>
public class LifecycleTests
{
    [SkippableFact]
    public async Task A_crashed_resource_is_restarted_with_its_restart_count_visible()
    {
        await using var app = await OrchestratedApp.CreateAsync();
        app.AddShell("flaky", "echo up; sleep 1; echo going down >&2; exit 3");
        await app.StartAsync();

        var exited = await app.WaitForAsync("flaky", s => s.State == ResourceState.Exited);
        var restarted = await app.WaitForAsync("flaky", s => s.RestartCount >= 1 && s.State == ResourceState.Running);

        Assert.Equal(3, exited.ExitCode);
        Assert.Contains("exited with code 3", exited.StateMessage);
        Assert.True(restarted.RestartCount >= 1);
        Assert.Contains(app.Logs.GetBuffer("flaky").Snapshot(), l => l.Text.Contains("restarting in"));
    }

    [SkippableFact]
    public async Task Stop_removes_the_container_and_start_brings_it_back()
    {
        await using var app = await OrchestratedApp.CreateAsync();
        app.AddShell("worker", "echo worker up; exec sleep infinity");
        await app.StartAsync();
        await app.WaitForAsync("worker", s => s.State == ResourceState.Running);
        Assert.Single(await app.ContainersAsync());

        await app.Current.StopAsync("worker", CancellationToken.None);
        var stopped = app.Notifications.Get("worker")!;
        Assert.Equal(ResourceState.Stopped, stopped.State);
        Assert.Empty(await app.ContainersAsync());

        await app.Current.StartAsync("worker", CancellationToken.None);
        await app.WaitForAsync("worker", s => s.State == ResourceState.Running);
        Assert.Single(await app.ContainersAsync());

        await app.Current.RestartAsync("worker", CancellationToken.None);
        var restarted = await app.WaitForAsync("worker", s => s.State == ResourceState.Running && s.RestartCount == 1);
        Assert.Equal(1, restarted.RestartCount);
    }

    [SkippableFact]
    public async Task A_busy_fixed_port_fails_that_resource_naming_the_port_and_the_rest_runs()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var busyPort = ((IPEndPoint)squatter.LocalEndpoint).Port;
        await using var app = await OrchestratedApp.CreateAsync();
        app.AddShell("web", "exec sleep infinity").WithHttpEndpoint(8080, busyPort);
        app.AddShell("other", "exec sleep infinity");
        await app.StartAsync();

        var web = await app.WaitForAsync("web", s => s.State == ResourceState.FailedToStart);
        await app.WaitForAsync("other", s => s.State == ResourceState.Running);

        Assert.Contains($"Host port {busyPort}", web.StateMessage);
        Assert.Contains("'web'", web.StateMessage);
    }

    [SkippableFact]
    public async Task Stopping_the_run_removes_every_container_and_the_network_but_keeps_volumes()
    {
        await using var app = await OrchestratedApp.CreateAsync();
        app.Builder.AddRedis("cache").WithImage($"{TestImages.Redis.Image}:{TestImages.Redis.Tag}");
        app.AddShell("sidecar", "exec sleep infinity");
        await app.StartAsync();
        await app.WaitForHealthyAsync("cache");
        await app.WaitForAsync("sidecar", s => s.State == ResourceState.Running);

        await app.Current.StopAsync(CancellationToken.None);

        Assert.Empty(await app.ContainersAsync());
        Assert.False((await DockerCommand.RunAsync("network", "inspect", app.Name)).Succeeded);
        Assert.Contains($"{app.Name}-cache-data", await DockerCommand.VolumesOfAsync(app.Name));
    }
}

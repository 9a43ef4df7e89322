using AirflowAspire.Hosting.Orchestration.Containers;
using AirflowAspire.Orchestration.Tests.TestSupport;

namespace AirflowAspire.Orchestration.Tests.Containers;

public sealed class LeftoverTests
{
    [SkippableFact]
    public async Task Prepare_removes_the_containers_a_killed_run_of_the_app_left_behind_and_only_those()
    {
        await using var app = await ContainerTestApp.StartAsync();
        await using var otherApp = await ContainerTestApp.StartAsync();
        await DockerCommand.MustAsync(
            "run", "--detach", "--name", $"{app.Name}-postgres", "--label", $"airflowaspire.app={app.Name}",
            "--label", "airflowaspire.session=killed", TestImages.Debian.Reference, "sleep", "300");
        await DockerCommand.MustAsync(
            "run", "--detach", "--name", $"{otherApp.Name}-postgres", "--label", $"airflowaspire.app={otherApp.Name}",
            TestImages.Debian.Reference, "sleep", "300");

        var nextRun = new ContainerCliRuntime("docker");
        await nextRun.PrepareAsync(app.Name, "next-session", CancellationToken.None);

        Assert.Empty(await DockerCommand.ContainersOfAsync(app.Name));
        Assert.Equal([$"{otherApp.Name}-postgres"], await DockerCommand.ContainersOfAsync(otherApp.Name));
        Assert.True(await DockerCommand.NetworkExistsAsync(app.Name));
    }

    [SkippableFact]
    public async Task Cleanup_removes_the_network_and_keeps_the_volumes_and_remove_volumes_deletes_them()
    {
        await using var app = await ContainerTestApp.StartAsync();
        await using var otherApp = await ContainerTestApp.StartAsync();
        var log = new CollectingWorkloadLog();
        var redis = await app.StartWorkloadAsync(TestSpecs.Redis(TestSpecs.NewSecret(), FreePort.Pick(), app.Volume("redis-data")), log);
        await log.WaitForAsync(l => l.Contains("Ready to accept connections"), TimeSpan.FromSeconds(60));
        await DockerCommand.MustAsync("volume", "create", "--label", $"airflowaspire.app={otherApp.Name}", otherApp.Volume("kept"));

        await redis.StopAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        await app.Runtime.CleanupAsync(app.Name, CancellationToken.None);

        Assert.False(await DockerCommand.NetworkExistsAsync(app.Name));
        Assert.Equal([app.Volume("redis-data")], await DockerCommand.VolumesOfAsync(app.Name));

        await app.Runtime.RemoveVolumesAsync(app.Name, CancellationToken.None);

        Assert.Empty(await DockerCommand.VolumesOfAsync(app.Name));
        Assert.Equal([otherApp.Volume("kept")], await DockerCommand.VolumesOfAsync(otherApp.Name));
    }

    [SkippableFact]
    public async Task Stopping_leaves_no_anonymous_volume_of_the_image_behind()
    {
        await using var app = await ContainerTestApp.StartAsync();
        var log = new CollectingWorkloadLog();
        var redis = await app.StartWorkloadAsync(TestSpecs.Redis(TestSpecs.NewSecret(), FreePort.Pick()), log);
        await log.WaitForAsync(l => l.Contains("Ready to accept connections"), TimeSpan.FromSeconds(60));
        var anonymous = (await DockerCommand.MustAsync(
            "inspect", "--format", "{{range .Mounts}}{{.Name}} {{end}}", $"{app.Name}-redis")).Output.Trim();
        Assert.NotEmpty(anonymous);

        await redis.StopAsync(TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.False((await DockerCommand.RunAsync("volume", "inspect", anonymous)).Succeeded);
    }
}

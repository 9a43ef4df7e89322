using AirflowAspire.Hosting.Orchestration;
using AirflowAspire.Orchestration.Tests.TestSupport;

namespace AirflowAspire.Orchestration.Tests.Containers;

public sealed class LifecycleTests
{
    [SkippableFact]
    public async Task Exited_completes_with_the_exit_code_after_the_last_lines_with_stdout_and_stderr_apart()
    {
        await using var app = await ContainerTestApp.StartAsync();
        var log = new CollectingWorkloadLog();

        var job = await app.StartWorkloadAsync(TestSpecs.Shell("migrate", "echo to stdout; echo to stderr >&2; exit 3"), log);

        Assert.Equal(3, await job.Exited.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(("to stdout", false), log.Lines);
        Assert.Contains(("to stderr", true), log.Lines);
    }

    [SkippableFact]
    public async Task Stop_removes_the_container_and_may_be_asked_twice()
    {
        await using var app = await ContainerTestApp.StartAsync();
        var sleeper = await app.StartWorkloadAsync(TestSpecs.Shell("sleeper", "trap 'exit 0' TERM; while true; do sleep 0.2; done"), new CollectingWorkloadLog());

        await Task.WhenAll(
            sleeper.StopAsync(TimeSpan.FromSeconds(5), CancellationToken.None),
            sleeper.StopAsync(TimeSpan.FromSeconds(5), CancellationToken.None));
        await sleeper.StopAsync(TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal(0, await sleeper.Exited.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(await DockerCommand.ContainersOfAsync(app.Name));
    }

    [SkippableFact]
    public async Task A_command_that_outlives_its_timeout_is_stopped_and_reported_as_failed()
    {
        await using var app = await ContainerTestApp.StartAsync();
        var sleeper = await app.StartWorkloadAsync(TestSpecs.Shell("sleeper", "exec sleep 300"), new CollectingWorkloadLog());

        var started = DateTime.UtcNow;
        var result = await sleeper.ExecAsync(["sleep", "30"], useShell: false, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("did not finish within 1 s", result.Output);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15));
        var processes = await sleeper.ExecAsync(
            ["cat /proc/[0-9]*/cmdline | tr '\\0' ' '"], useShell: true, TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Equal(0, processes.ExitCode);
        Assert.Contains("sleep 300", processes.Output);
        Assert.DoesNotContain("sleep 30 ", processes.Output);
    }

    [SkippableFact]
    public async Task Replicas_reach_each_other_by_host_name_and_by_resource_name_on_the_app_network()
    {
        await using var app = await ContainerTestApp.StartAsync();
        var server = await app.StartWorkloadAsync(
            TestSpecs.Shell("worker", "exec sleep 300") with { InstanceName = "worker-0", HostName = "worker-0" }, new CollectingWorkloadLog());

        var byHostName = await server.ExecAsync(["getent", "hosts", "worker-0"], useShell: false, TimeSpan.FromSeconds(10), CancellationToken.None);
        var byResourceName = await server.ExecAsync(["getent", "hosts", "worker"], useShell: false, TimeSpan.FromSeconds(10), CancellationToken.None);
        var hostName = await server.ExecAsync(["hostname"], useShell: false, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal(0, byHostName.ExitCode);
        Assert.Equal(0, byResourceName.ExitCode);
        Assert.Equal("worker-0", hostName.Output);
        Assert.Contains($"{app.Name}-worker-0", await DockerCommand.ContainersOfAsync(app.Name));
    }
}

using System.Runtime.Versioning;
using AirflowAspire.Hosting;
using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Orchestration;
using AirflowAspire.Hosting.Orchestration.Processes;
using AirflowAspire.Orchestration.Tests.TestSupport;

namespace AirflowAspire.Orchestration.Tests.Processes;

/// <summary>The runtime's own promises, with small shell workloads instead of servers.</summary>
[SupportedOSPlatform("linux")]
public sealed class ProcessRuntimeTests
{
    // The subshell starts a sleep in a session of its own and exits: the sleep leaves the process tree and
    // group, as epmd does when RabbitMQ starts it.
    private const string StartsADaemon = "(setsid sleep 600 &)";

    [Fact]
    public async Task A_resource_without_a_local_fallback_fails_with_what_to_install()
    {
        await using var app = LocalProcessTestApp.Create(builder => builder.AddContainer("web", "docker.io/library/nginx", "1.27"));

        var error = await Assert.ThrowsAsync<WorkloadStartException>(() => app.StartAsync("web", new CollectingWorkloadLog()));

        Assert.StartsWith("No container runtime: install docker or podman.", error.Message);
        Assert.Contains("no local process fallback for 'web'", error.Message);
    }

    [Fact]
    public async Task A_first_run_prepares_a_state_directory_that_does_not_exist_yet()
    {
        await using var app = LocalProcessTestApp.Create(builder => AddShell(builder, "worker", "exec sleep 600"));

        await app.Runtime.PrepareAsync(app.Model.ApplicationName, "first-session", CancellationToken.None);
        var workload = await app.StartAsync("worker", new CollectingWorkloadLog());
        await workload.StopAsync(TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.True(Directory.Exists(Path.Combine(app.StateDirectory, "worker")));
        Assert.Empty(LeftoverProcesses.Of(app.StateDirectory));
    }

    [Fact]
    public async Task Stopping_a_workload_ends_everything_it_started_even_a_daemon()
    {
        await using var app = LocalProcessTestApp.Create(builder => AddShell(builder, "worker", $"{StartsADaemon}; exec sleep 600"));

        var workload = await app.StartAsync("worker", new CollectingWorkloadLog());
        await WaitForAsync(() => BothSleepsRun(app));
        await workload.StopAsync(TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Equal(128 + 15, await workload.Exited);
        Assert.Empty(LeftoverProcesses.Of(app.StateDirectory));
    }

    [Fact]
    public async Task A_process_that_exits_by_itself_takes_what_it_started_along()
    {
        await using var app = LocalProcessTestApp.Create(builder => AddShell(builder, "job", $"{StartsADaemon}; echo done; exit 3"));

        var log = new CollectingWorkloadLog();
        var workload = await app.StartAsync("job", log);

        Assert.Equal(3, await workload.Exited.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(("done", false), log.Lines);
        Assert.Empty(LeftoverProcesses.Of(app.StateDirectory));
    }

    [Fact]
    public async Task The_next_run_ends_what_a_killed_run_left_running()
    {
        await using var app = LocalProcessTestApp.Create(builder => AddShell(builder, "worker", $"{StartsADaemon}; exec sleep 600"));
        var abandoned = await app.StartAsync("worker", new CollectingWorkloadLog());
        await WaitForAsync(() => BothSleepsRun(app));

        // A new AppHost run: a new runtime over the same state directory, as if the first AppHost was killed.
        var next = new ProcessRuntime(app.Model, app.StateDirectory);
        await next.PrepareAsync(app.Model.ApplicationName, "next-session", CancellationToken.None);

        Assert.Empty(LeftoverProcesses.Of(app.StateDirectory));
        Assert.Equal(128 + 9, await abandoned.Exited.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_failing_setup_command_fails_the_start_with_its_last_words()
    {
        await using var app = LocalProcessTestApp.Create(builder => builder.AddContainer("broken", "docker.io/library/busybox", "1")
            .WithAnnotation(new LocalProcessAnnotation(_ => new LocalProcessPlan
            {
                Process = new LocalProcessCommand("/bin/sleep", ["600"]),
                Setup = [new LocalProcessCommand("/bin/sh", ["-c", "echo 'cannot initialize: disk full' >&2; exit 7"])],
            })));

        var log = new CollectingWorkloadLog();
        var error = await Assert.ThrowsAsync<WorkloadStartException>(() => app.StartAsync("broken", log));

        Assert.Equal("'broken' could not be set up: sh exited with code 7 (cannot initialize: disk full). Its whole output is in the resource's log.", error.Message);
        Assert.Contains(("cannot initialize: disk full", true), log.Lines);
        Assert.Empty(LeftoverProcesses.Of(app.StateDirectory));
    }

    [Fact]
    public async Task A_command_run_in_a_workload_that_takes_too_long_is_killed_and_reported()
    {
        await using var app = LocalProcessTestApp.Create(builder => AddShell(builder, "worker", "exec sleep 600"));
        var workload = await app.StartAsync("worker", new CollectingWorkloadLog());

        var result = await workload.ExecAsync(["sleep 600"], useShell: true, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(124, result.ExitCode);
        Assert.Equal("Timed out after 1 s.", result.Output);
        Assert.Single(LeftoverProcesses.Labelled(app.StateDirectory, "worker"));
        await workload.StopAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Empty(LeftoverProcesses.Of(app.StateDirectory));
    }

    private static void AddShell(IDistributedApplicationBuilder builder, string name, string script) =>
        builder.AddContainer(name, "docker.io/library/busybox", "1")
            .WithAnnotation(new LocalProcessAnnotation(_ => new LocalProcessPlan
            {
                Process = new LocalProcessCommand("/bin/sh", ["-c", script]),
                HealthChecks = [new CommandHealthCheckAnnotation(["true"])],
            }));

    /// <summary>The main process and the daemon both run, and the shell and subshell that started them are gone.</summary>
    private static bool BothSleepsRun(LocalProcessTestApp app)
    {
        var labelled = LeftoverProcesses.Labelled(app.StateDirectory, "worker").Select(LeftoverProcesses.CommandLineOf).ToList();
        return labelled.Count == 2 && labelled.All(c => c.StartsWith("sleep ", StringComparison.Ordinal));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(50, limit.Token);
        }
    }
}

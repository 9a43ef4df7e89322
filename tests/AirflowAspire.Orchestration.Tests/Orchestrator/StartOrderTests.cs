using AirflowAspire.Hosting;
using AirflowAspire.Hosting.Orchestration;
using AirflowAspire.Orchestration.Tests.Containers;

namespace AirflowAspire.Orchestration.Tests.Orchestrator;

/// <summary>Resources start in WaitFor order, show Waiting meanwhile, and become healthy by their checks.</summary>
public class StartOrderTests
{
    [SkippableFact]
    public async Task A_resource_waits_until_postgres_is_healthy_and_then_starts()
    {
        await using var app = await OrchestratedApp.CreateAsync();
        var postgres = app.Builder.AddPostgres("pg").WithImage($"{TestImages.Postgres.Image}:{TestImages.Postgres.Tag}");
        app.AddShell("client", "echo client started; exec sleep infinity").WaitFor(postgres);
        await app.StartAsync();

        var waiting = await app.WaitForAsync("client", s => s.State == ResourceState.Waiting && s.StateMessage is not null);
        Assert.Contains("pg to be healthy", waiting.StateMessage);

        var healthyPostgres = await app.WaitForHealthyAsync("pg");
        var client = await app.WaitForHealthyAsync("client");
        await app.WaitForLogAsync("client", "client started");

        var postgresHealthyAt = healthyPostgres.Timeline.Single(p => p.Phase == "Healthy").Start;
        Assert.True(client.StartedAt >= postgresHealthyAt, $"client started at {client.StartedAt:O}, before pg was healthy at {postgresHealthyAt:O}");
        Assert.Equal(["Waiting", "Starting", "Healthy"], client.Timeline.Select(p => p.Phase));
        Assert.Contains(healthyPostgres.HealthReports, r => r.Status == HealthStatus.Healthy && r.Name.Contains("pg_isready"));
    }

    [SkippableFact]
    public async Task WaitForCompletion_holds_a_resource_until_the_run_once_resource_exits_0()
    {
        await using var app = await OrchestratedApp.CreateAsync();
        var migrate = app.AddShell("migrate", "echo migrating; sleep 2; echo migrated").AsRunOnce();
        app.AddShell("server", "echo serving; exec sleep infinity").WaitForCompletion(migrate);
        await app.StartAsync();

        var finished = await app.WaitForAsync("migrate", s => s.State == ResourceState.Finished);
        var server = await app.WaitForAsync("server", s => s.State == ResourceState.Running);

        Assert.Equal(0, finished.ExitCode);
        Assert.True(server.StartedAt >= finished.Timeline[^1].End);
        Assert.Contains("migrated", string.Join("\n", app.Logs.GetBuffer("migrate").Snapshot().Select(l => l.Text)));
    }

    [SkippableFact]
    public async Task A_failed_run_once_resource_keeps_its_dependants_waiting_and_says_why()
    {
        await using var app = await OrchestratedApp.CreateAsync();
        var migrate = app.AddShell("migrate", "echo cannot migrate >&2; exit 4").AsRunOnce();
        app.AddShell("server", "exec sleep infinity").WaitForCompletion(migrate);
        await app.StartAsync();

        var failed = await app.WaitForAsync("migrate", s => s.State == ResourceState.Exited);
        var server = await app.WaitForAsync("server", s => s.StateMessage?.Contains("exit code 4") == true);

        Assert.Equal(4, failed.ExitCode);
        Assert.Equal(ResourceState.Waiting, server.State);
        Assert.Contains(app.Logs.GetBuffer("migrate").Snapshot(), l => l.IsError && l.Text == "cannot migrate");
    }
}

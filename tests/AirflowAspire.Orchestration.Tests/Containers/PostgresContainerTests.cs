using AirflowAspire.Orchestration.Tests.TestSupport;

namespace AirflowAspire.Orchestration.Tests.Containers;

public sealed class PostgresContainerTests
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    [SkippableFact]
    public async Task Postgres_becomes_ready_and_answers_queries_as_the_configured_user()
    {
        await using var app = await ContainerTestApp.StartAsync();
        var log = new CollectingWorkloadLog();

        var postgres = await app.StartWorkloadAsync(TestSpecs.Postgres(TestSpecs.NewSecret(), FreePort.Pick(), app.Volume("pg-data")), log);

        var ready = await HealthCommand.UntilPassesAsync(postgres, TestSpecs.PostgresReady, useShell: false, StartLimit);
        Assert.True(ready.ExitCode == 0, $"pg_isready never passed: {ready.Output}\n{log.AllText}");
        var whoAmI = await postgres.ExecAsync(TestSpecs.Psql("select current_user || '@' || current_database()"), useShell: true, TimeSpan.FromSeconds(20), CancellationToken.None);
        Assert.Equal("airflow@airflow", whoAmI.Output);
        Assert.Contains(log.Lines, l => l.IsError && l.Text.Contains("database system is ready to accept connections"));
    }

    [SkippableFact]
    public async Task Data_written_to_postgres_survives_a_stop_and_a_new_start_on_the_same_volume()
    {
        await using var app = await ContainerTestApp.StartAsync();
        var password = TestSpecs.NewSecret();
        var spec = TestSpecs.Postgres(password, FreePort.Pick(), app.Volume("pg-data"));

        var first = await app.StartWorkloadAsync(spec, new CollectingWorkloadLog());
        Assert.Equal(0, (await HealthCommand.UntilPassesAsync(first, TestSpecs.PostgresReady, useShell: false, StartLimit)).ExitCode);
        var write = await first.ExecAsync(
            TestSpecs.Psql("create table kept (note text); insert into kept values ('written before the stop')"),
            useShell: true, TimeSpan.FromSeconds(20), CancellationToken.None);
        Assert.True(write.ExitCode == 0, write.Output);

        await first.StopAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Equal(0, await first.Exited.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(await DockerCommand.ContainersOfAsync(app.Name));

        var secondLog = new CollectingWorkloadLog();
        var second = await app.StartWorkloadAsync(spec, secondLog);
        Assert.Equal(0, (await HealthCommand.UntilPassesAsync(second, TestSpecs.PostgresReady, useShell: false, StartLimit)).ExitCode);
        var read = await second.ExecAsync(TestSpecs.Psql("select note from kept"), useShell: true, TimeSpan.FromSeconds(20), CancellationToken.None);

        Assert.Equal("written before the stop", read.Output);
        Assert.DoesNotContain(secondLog.Lines, l => l.Text.Contains("init process complete"));
    }
}

using AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;
using Npgsql;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests;

/// <summary>What a user of the metadata database and the broker relies on across restarts.</summary>
[Collection(ContainerTests.Name)]
public sealed class PersistenceAndCommandTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Postgres_data_in_a_named_volume_survives_a_new_app_with_the_same_password()
    {
        var volume = $"airflowaspire-functional-pgdata-{Guid.NewGuid():N}"[..48];
        var password = $"Pw{Guid.NewGuid():N}";
        var marker = $"row-{Guid.NewGuid():N}";
        try
        {
            // First app: a fresh volume; make the table and write a row.
            await using (var first = await StartPostgresAsync(volume, password))
            {
                await using var connection = new NpgsqlConnection(await first.App.GetConnectionStringAsync("meta").AsTask().WaitAsync(ClientTimeout));
                await connection.OpenAsync().WaitAsync(ClientTimeout);
                await using var create = new NpgsqlCommand("CREATE TABLE survivors (marker text PRIMARY KEY)", connection);
                await create.ExecuteNonQueryAsync();
                await using var insert = new NpgsqlCommand("INSERT INTO survivors VALUES (@m)", connection);
                insert.Parameters.AddWithValue("m", marker);
                Assert.Equal(1, await insert.ExecuteNonQueryAsync());
                await connection.CloseAsync();
                await first.StopAndAssertCleanedUpAsync();
            }

            Assert.True(await DockerEngine.VolumeExistsAsync(volume), $"The named volume {volume} should outlive the app.");

            // Second app: the same volume and password parameter; the row is there.
            await using (var second = await StartPostgresAsync(volume, password))
            {
                await using var connection = new NpgsqlConnection(await second.App.GetConnectionStringAsync("meta").AsTask().WaitAsync(ClientTimeout));
                await connection.OpenAsync().WaitAsync(ClientTimeout);
                await using var select = new NpgsqlCommand("SELECT marker FROM survivors", connection);
                Assert.Equal(marker, await select.ExecuteScalarAsync());
                await connection.CloseAsync();
                await second.StopAndAssertCleanedUpAsync();
            }
        }
        finally
        {
            await DockerEngine.RemoveVolumeAsync(volume, TestModel.CleanupTimeout);
        }

        Assert.False(await DockerEngine.VolumeExistsAsync(volume));
    }

    [SkippableFact]
    public async Task A_resource_stopped_and_started_through_its_commands_is_healthy_again_on_the_same_connection_string()
    {
        var builder = TestModel.Create(output);
        builder.AddRedis("broker").WithTestImage();

        var run = await RunningApp.StartAsync(builder, output);
        await using (run)
        {
            await run.WaitHealthyAsync("broker");
            var connectionString = await run.App.GetConnectionStringAsync("broker").AsTask().WaitAsync(ClientTimeout);
            var firstContainer = ContainerId(await run.WaitForStateAsync("broker", e => ContainerId(e) is not null));

            var stopped = await run.App.ResourceCommands.ExecuteCommandAsync("broker", KnownResourceCommands.StopCommand).WaitAsync(TestModel.ResourceTimeout);
            Assert.True(stopped.Success, stopped.Message);
            var exited = await run.WaitForStateAsync("broker", e => e.Snapshot.State?.Text == KnownResourceStates.Exited);
            output.WriteLine($"After the stop command: {exited.Snapshot.State?.Text}, health {exited.Snapshot.HealthStatus?.ToString() ?? "none"}");
            Assert.NotEqual(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, exited.Snapshot.HealthStatus);

            var started = await run.App.ResourceCommands.ExecuteCommandAsync("broker", KnownResourceCommands.StartCommand).WaitAsync(TestModel.ResourceTimeout);
            Assert.True(started.Success, started.Message);
            var healthy = await run.WaitForStateAsync("broker", e =>
                e.Snapshot.State?.Text == KnownResourceStates.Running
                && e.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                && ContainerId(e) is { } id && id != firstContainer);
            output.WriteLine($"Container {firstContainer?[..12]} replaced by {ContainerId(healthy)?[..12]}.");

            // The connection string handed out before the stop still reaches the new container.
            Assert.Equal(connectionString, await run.App.GetConnectionStringAsync("broker").AsTask().WaitAsync(ClientTimeout));
            await using (var redis = await ConnectionMultiplexer.ConnectAsync(connectionString!).WaitAsync(ClientTimeout))
            {
                var db = redis.GetDatabase();
                Assert.True(await db.StringSetAsync("airflowaspire:after-restart", "yes"));
                Assert.Equal("yes", (string?)await db.StringGetAsync("airflowaspire:after-restart"));
            }

            Assert.False(await DockerEngine.ContainerExistsAsync(firstContainer!) && await IsRunningAsync(firstContainer!), "The stopped container should not run any more.");
            await run.StopAndAssertCleanedUpAsync();
        }
    }

    private static string? ContainerId(ResourceEvent e) =>
        e.Snapshot.Properties.FirstOrDefault(p => p.Name == "container.id")?.Value as string is { Length: > 0 } id ? id : null;

    private static async Task<bool> IsRunningAsync(string containerId) =>
        (await DockerEngine.RunAsync(TimeSpan.FromSeconds(30), "container", "inspect", "--format", "{{.State.Running}}", containerId)).Output.Trim() == "true";

    private async Task<RunningApp> StartPostgresAsync(string volume, string password)
    {
        var builder = TestModel.Create(output, $"Parameters:meta-password={password}");
        var secret = builder.AddParameter("meta-password", secret: true);
        builder.AddPostgres("metadb", password: secret).WithTestImage().WithDataVolume(volume).AddDatabase("meta");
        var run = await RunningApp.StartAsync(builder, output);
        try
        {
            await run.WaitHealthyAsync("meta");
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }

        return run;
    }
}

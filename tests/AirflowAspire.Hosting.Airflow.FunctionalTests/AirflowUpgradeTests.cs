using AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests;

/// <summary>
/// A version change in a local run, on the STAND-IN image (not Airflow) standing for two releases: the first run on a
/// fresh volume migrates without asking; the next on a newer release holds the init until the user backs up and says go;
/// a third, with <c>AirflowAspire:Upgrade=migrate</c>, migrates to the next release without holding it.
/// </summary>
[Collection(ContainerTests.Name)]
public sealed class AirflowUpgradeTests(ITestOutputHelper output)
{
    private const string Init = "airflow-init";

    [SkippableFact]
    public async Task A_database_an_older_release_migrated_holds_the_init_until_the_user_backs_up_and_migrates()
    {
        await using var images = await StandInVersionImages.BuildAsync("3.0.0", "3.1.0", "3.2.0");
        using var appHost = new TempFolder();
        var volume = $"airflowaspire-functional-upgrade-{Guid.NewGuid():N}"[..48];
        var password = $"Pw{Guid.NewGuid():N}";
        try
        {
            // A fresh volume: the check finds no revision, the init migrates at once and nothing asks.
            var first = await RunningApp.StartAsync(Model(appHost, volume, password, images.TagOf("3.0.0")), output);
            await using (first)
            {
                await WaitAirflowRunningAsync(first);
                Assert.Null(first.FirstTime(Init, "Upgrade pending"));
                Assert.Contains(first.Logs.Of(Init), l => l.Contains("no Airflow has migrated the database yet", StringComparison.Ordinal));
                await first.StopAndAssertCleanedUpAsync();
            }

            // The same volume on a newer release: the init waits, saying why, and nothing else starts.
            var second = await RunningApp.BeginAsync(Model(appHost, volume, password, images.TagOf("3.1.0")), output);
            await using (second)
            {
                var held = await second.WaitForStateAsync(Init, e => e.Snapshot.State?.Text == "Upgrade pending");
                Assert.Equal("standin-3.0.0", Property(held, "airflowaspire.upgrade.database-revision"));
                Assert.Equal("standin-3.1.0", Property(held, "airflowaspire.upgrade.image-revision"));
                Assert.Contains("AirflowAspire:Upgrade=migrate", Property(held, "airflowaspire.upgrade.next"), StringComparison.Ordinal);
                Assert.Equal("Upgrade pending", (await second.WaitForStateAsync("airflow", e => e.Snapshot.State?.Text == "Upgrade pending")).Snapshot.State?.Text);
                Assert.Null(second.FirstTime("airflow-scheduler", KnownResourceStates.Running));

                var backup = await second.App.ResourceCommands.ExecuteCommandAsync(Init, "airflow-backup-database").WaitAsync(TestModel.ResourceTimeout);
                Assert.True(backup.Success, backup.Message);
                var dump = Assert.Single(Directory.GetFiles(Path.Combine(appHost.Path, ".airflowaspire", "backups")));
                output.WriteLine($"{backup.Message}: {new FileInfo(dump).Length} bytes");
                Assert.Matches(@"airflow-\d{8}-\d{6}Z\.sql$", dump);
                if (!OperatingSystem.IsWindows())
                {
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dump));
                }
                var sql = await File.ReadAllTextAsync(dump);
                Assert.Contains("COPY public.standin_migrations", sql, StringComparison.Ordinal);
                Assert.Contains("3.0.0", sql, StringComparison.Ordinal);
                Assert.Contains("standin-3.0.0", sql, StringComparison.Ordinal);
                Assert.DoesNotContain(password, sql, StringComparison.Ordinal);

                var migrate = await second.App.ResourceCommands.ExecuteCommandAsync(Init, "airflow-migrate-now").WaitAsync(TestModel.ResourceTimeout);
                Assert.True(migrate.Success, migrate.Message);
                var done = await second.WaitForStateAsync(Init, e => e.Snapshot.State?.Text is "Exited" or "Finished" or "FailedToStart");
                Assert.Equal(0, done.Snapshot.ExitCode);
                await WaitAirflowRunningAsync(second);
                await second.StopAndAssertCleanedUpAsync();
            }

            // Where nobody clicks: the setting migrates to the next release without holding the init.
            var third = await RunningApp.StartAsync(Model(appHost, volume, password, images.TagOf("3.2.0"), "AirflowAspire:Upgrade=migrate"), output);
            await using (third)
            {
                await WaitAirflowRunningAsync(third);
                Assert.Null(third.FirstTime(Init, "Upgrade pending"));
                Assert.Contains(third.Logs.Of(Init), l => l.Contains("standin-3.2.0 now, without asking (AirflowAspire:Upgrade=migrate)", StringComparison.Ordinal));
                await third.StopAndAssertCleanedUpAsync();
            }
        }
        finally
        {
            await DockerEngine.RemoveVolumeAsync(volume, TestModel.CleanupTimeout);
        }
    }

    /// <summary>The smallest stand-in model on a named Postgres volume with a fixed password, in its own AppHost folder.</summary>
    private IDistributedApplicationTestingBuilder Model(TempFolder appHost, string volume, string password, string standInTag, params string[] args)
    {
        var builder = TestModel.CreateIn(output, appHost.Path, [$"Parameters:postgres-password={password}", .. args]);
        var database = builder.AddPostgres("postgres").WithTestImage().WithDataVolume(volume).AddDatabase("airflow-db", databaseName: "airflow");
        builder.AddAirflow("airflow").WithImage(AirflowStandIn.Image, standInTag).WithDatabase(database);
        return builder;
    }

    private static Task<ResourceEvent> WaitAirflowRunningAsync(RunningApp run) =>
        run.WaitForStateAsync("airflow", e => e.Snapshot.State?.Text == KnownResourceStates.Running, TimeSpan.FromMinutes(5));

    private static string Property(ResourceEvent e, string name) =>
        e.Snapshot.Properties.FirstOrDefault(p => p.Name == name)?.Value?.ToString() ?? $"(no property {name})";
}

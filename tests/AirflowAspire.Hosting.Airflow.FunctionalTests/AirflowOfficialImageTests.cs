using AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests;

/// <summary>
/// AddAirflow with its default image, the official apache/airflow, on a machine where no registry answers:
/// what a user sees is that the Airflow components fail, in bounded time, while Postgres and Redis run.
/// </summary>
[Collection(ContainerTests.Name)]
public sealed class AirflowOfficialImageTests(ITestOutputHelper output)
{
    private static readonly string[] ComponentNames =
    [
        "airflow-init", "airflow-api-server", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer", "airflow-worker", "airflow-flower",
    ];

    [SkippableFact]
    [Trait(EngineTraits.Category, EngineTraits.OfficialNamesAbsent)]
    public async Task Without_the_official_image_the_components_fail_to_start_in_bounded_time_while_postgres_and_redis_run()
    {
        var builder = TestModel.Create(output);
        var database = builder.AddPostgres("postgres").WithTestImage().AddDatabase("airflow-db", databaseName: "airflow");
        var broker = builder.AddRedis("redis").WithTestImage();
        var airflow = builder.AddAirflow("airflow").WithDatabase(database).WithCeleryExecutor(broker).WithWorkers(2).WithFlower().WithTriggerer();
        Skip.If(OfficialAirflowImage.NameIsTaken(airflow.Resource.Image),
            $"The engine holds an image named {airflow.Resource.Image} (the real one, which RealAirflowTests runs, or the stand-in the cluster tests tag so for a while).");

        var run = await RunningApp.StartAsync(builder, output);
        await using (run)
        {
            try
            {
                await run.WaitHealthyAsync("postgres");
                await run.WaitHealthyAsync("airflow-db");
                await run.WaitHealthyAsync("redis");

                // DCP tries the pull a few times (about 12 s here), then gives up: the init container is
                // "FailedToStart", and every component waiting for it follows ("Dependency resource 'airflow-init'
                // failed to start."), instead of waiting forever.
                foreach (var name in ComponentNames)
                {
                    var failed = await run.WaitForStateAsync(
                        name, e => e.Snapshot.State?.Text is { } s && KnownResourceStates.TerminalStates.Contains(s), TimeSpan.FromMinutes(3));
                    Assert.Equal(KnownResourceStates.FailedToStart, failed.Snapshot.State?.Text);
                }
            }
            finally
            {
                run.WriteTimeline();
            }

            // No Airflow container was made; Postgres and Redis still run and stay healthy.
            Assert.DoesNotContain(run.Containers.Values, id => id.StartsWith("airflow-", StringComparison.Ordinal));
            foreach (var name in new[] { "postgres", "redis" })
            {
                var state = await run.WaitForStateAsync(name, _ => true, TimeSpan.FromSeconds(10));
                Assert.Equal(KnownResourceStates.Running, state.Snapshot.State?.Text);
                Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, state.Snapshot.HealthStatus);
            }

            // The parent sums up its components: all of them failed to start, so it says so too.
            var parent = await run.WaitForStateAsync("airflow", e => e.Snapshot.State?.Text == KnownResourceStates.FailedToStart, TimeSpan.FromSeconds(10));
            Assert.Equal(KnownResourceStateStyles.Error, parent.Snapshot.State?.Style);

            await run.StopAndAssertCleanedUpAsync();
        }
    }
}

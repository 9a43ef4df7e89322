using AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests;

/// <summary>
/// The <c>airflow</c> resource's own state, summed up from its components' (what a user reads at a glance in the
/// dashboard), on real containers: the components run the STAND-IN image (tests/images/airflow-standin; not Airflow).
/// </summary>
[Collection(ContainerTests.Name)]
public sealed class AirflowParentStateTests(ITestOutputHelper output)
{
    private const string Parent = "airflow";

    private static readonly string[] LongRunning = ["airflow-api-server", "airflow-scheduler", "airflow-dag-processor"];

    [SkippableFact]
    public async Task Airflow_waits_while_its_components_wait_starts_with_them_and_runs_once_init_exited_0_and_all_are_healthy()
    {
        var (builder, _) = TestModel.CreateWithStandInAirflow(output, Parent);

        var run = await RunningApp.StartAsync(builder, output);
        await using (run)
        {
            try
            {
                var running = await run.WaitForStateAsync(Parent, e => e.Snapshot.State?.Text == KnownResourceStates.Running);
                Assert.Equal(KnownResourceStateStyles.Success, running.Snapshot.State?.Style);
                Assert.Equal(HealthStatus.Healthy, running.Snapshot.HealthStatus);
            }
            finally
            {
                run.WriteTimeline();
            }

            var parent = await TimelineUntilAsync(run, Parent, KnownResourceStates.Running);
            output.WriteLine($"'{Parent}': {string.Join(" -> ", parent.Select(e => e.State))}");
            Assert.All(parent, e => Assert.Contains(e.State, new[] { KnownResourceStates.Waiting, KnownResourceStates.Starting, KnownResourceStates.Running }));

            // Waiting while every component waited for the metadata database (Aspire shows each one "Starting" for an
            // instant before it reads its waits, and so does the parent); Starting from then until Running.
            var databaseHealthy = Required(run.FirstTime("airflow-db", KnownResourceStates.Running, HealthStatus.Healthy), "airflow-db healthy");
            Assert.Equal(KnownResourceStates.Waiting, parent.Last(e => e.Time <= databaseHealthy).State);
            // Then Waiting again while airflow-migration-check asks Airflow (the init starts only once it answered),
            // and Starting from the init's start until Running.
            var afterDatabase = parent.Where(e => e.Time > databaseHealthy).Select(e => e.State).ToList();
            Assert.Equal([KnownResourceStates.Starting, KnownResourceStates.Running], afterDatabase.Skip(afterDatabase.LastIndexOf(KnownResourceStates.Waiting) + 1));

            // Running only after init exited 0 and each long-running component was healthy.
            var runningSince = parent[^1].Time;
            Assert.True(runningSince >= Required(run.FirstTime("airflow-init", KnownResourceStates.Exited), "airflow-init exited"));
            foreach (var name in LongRunning)
            {
                var healthy = Required(run.FirstTime(name, KnownResourceStates.Running, HealthStatus.Healthy), $"{name} healthy");
                Assert.True(runningSince >= healthy, $"'{Parent}' said Running ({runningSince:HH:mm:ss.fff}) before {name} was healthy ({healthy:HH:mm:ss.fff}).");
            }

            await run.StopAndAssertCleanedUpAsync();
        }
    }

    [SkippableFact]
    public async Task Airflow_is_degraded_naming_the_component_whose_image_does_not_exist()
    {
        var (builder, airflow) = TestModel.CreateWithStandInAirflow(output, Parent);
        var missingImage = $"airflowaspire-test/missing-{Guid.NewGuid():N}";
        airflow.WithComponent(AirflowRole.Scheduler, scheduler => scheduler.WithImage(missingImage, "none").WithImageRegistry(null));

        var run = await RunningApp.StartAsync(builder, output);
        await using (run)
        {
            try
            {
                await run.WaitForStateAsync("airflow-scheduler", e => e.Snapshot.State?.Text == KnownResourceStates.FailedToStart);
                foreach (var name in LongRunning.Where(n => n != "airflow-scheduler"))
                {
                    await run.WaitHealthyAsync(name);
                }

                var degraded = await run.WaitForStateAsync(Parent, e => e.Snapshot.State?.Text.StartsWith("Degraded", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(10));
                Assert.Equal("Degraded: airflow-scheduler FailedToStart", degraded.Snapshot.State?.Text);
                Assert.Equal(KnownResourceStateStyles.Error, degraded.Snapshot.State?.Style);
            }
            finally
            {
                run.WriteTimeline();
            }

            // It never claimed to run.
            Assert.DoesNotContain(run.Timeline, e => e.ResourceName == Parent && e.State == KnownResourceStates.Running);
            await run.StopAndAssertCleanedUpAsync();
        }
    }

    /// <summary>The resource's entries of the run's timeline, once it has one in <paramref name="state"/> (its watcher may lag the wait).</summary>
    private static async Task<List<TimelineEntry>> TimelineUntilAsync(RunningApp run, string resourceName, string state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        List<TimelineEntry> entries;
        while (!(entries = [.. run.Timeline.Where(e => e.ResourceName == resourceName)]).Any(e => e.State == state) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        return entries;
    }

    private static DateTime Required(DateTime? time, string what) => time ?? throw new Xunit.Sdk.XunitException($"The timeline has no '{what}'.");
}

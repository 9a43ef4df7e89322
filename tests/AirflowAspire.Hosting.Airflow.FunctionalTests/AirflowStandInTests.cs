using AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests;

/// <summary>
/// The Airflow components on a STAND-IN image (tests/images/airflow-standin: Debian's python3 and Celery doing what
/// the model asks of Airflow as Airflow's code does; not Airflow), to see what the model asks of Aspire: the order
/// components start in, and that their HTTP and in-container command health checks make them healthy. Nothing here
/// says anything about Airflow itself: AirflowOfficialImageTests does, where the official image is present.
/// </summary>
[Collection(ContainerTests.Name)]
public sealed class AirflowStandInTests(ITestOutputHelper output)
{
    private const string StandInImage = "airflowaspire-test/airflow-standin";
    private const string StandInTag = "latest";

    private static readonly string[] LongRunning =
        ["airflow-api-server", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer", "airflow-worker", "airflow-flower"];

    [SkippableFact]
    public async Task Components_start_after_database_broker_and_init_and_become_healthy_through_http_and_command_checks()
    {
        DockerEngine.SkipOrFailIfImageMissing($"{StandInImage}:{StandInTag}");
        var builder = TestModel.Create(output);
        var database = builder.AddPostgres("postgres").WithTestImage().AddDatabase("airflow-db", databaseName: "airflow");
        var broker = builder.AddRedis("redis").WithTestImage();
        builder.AddAirflow("airflow")
            .WithImage(StandInImage, StandInTag)
            .WithDatabase(database)
            .WithCeleryExecutor(broker)
            .WithWorkers(2)
            .WithFlower()
            .WithTriggerer();

        var run = await RunningApp.StartAsync(builder, output);
        await using (run)
        {
            try
            {
                var init = await run.WaitForStateAsync("airflow-init", e => e.Snapshot.State?.Text is { } s && KnownResourceStates.TerminalStates.Contains(s));
                // A container that ran to completion shows "Exited" (not "Finished") with its exit code.
                Assert.Equal(KnownResourceStates.Exited, init.Snapshot.State?.Text);
                Assert.Equal(0, init.Snapshot.ExitCode);
                foreach (var name in LongRunning)
                {
                    await run.WaitHealthyAsync(name);
                }
            }
            finally
            {
                run.WriteTimeline();
            }

            // The init container's entrypoint waited for the database through `airflow db check`, which reads the URL
            // the model's _CMD option makes as Airflow does, then migrated and created the admin; the workers' real
            // Celery reached the broker with the URL its _CMD option makes.
            await run.Logs.WaitForLineAsync("airflow-init", "stand-in: db migrate: recorded", TimeSpan.FromSeconds(10));
            await run.Logs.WaitForLineAsync("airflow-init", "stand-in: users create: admin", TimeSpan.FromSeconds(10));
            await run.Logs.WaitForLineAsync("airflow-worker", "Connected to redis://:**@", TimeSpan.FromSeconds(10));

            // Order: init after the database and the broker are healthy; everything else after init finished;
            // the worker after the API server is healthy.
            var databaseHealthy = Required(run.FirstTime("airflow-db", KnownResourceStates.Running, HealthStatus.Healthy), "airflow-db healthy");
            var brokerHealthy = Required(run.FirstTime("redis", KnownResourceStates.Running, HealthStatus.Healthy), "redis healthy");
            var initRunning = Required(FirstStart(run, "airflow-init"), "airflow-init starting");
            var initFinished = Required(run.FirstTime("airflow-init", KnownResourceStates.Exited), "airflow-init exited");
            Assert.True(initRunning >= databaseHealthy, "airflow-init started before the metadata database was healthy.");
            Assert.True(initRunning >= brokerHealthy, "airflow-init started before the broker was healthy.");
            foreach (var name in LongRunning)
            {
                var start = Required(FirstStart(run, name), $"{name} starting");
                Assert.True(start >= initFinished, $"{name} started ({start:HH:mm:ss.fff}) before airflow-init finished ({initFinished:HH:mm:ss.fff}).");
            }

            var apiHealthy = Required(run.FirstTime("airflow-api-server", KnownResourceStates.Running, HealthStatus.Healthy), "airflow-api-server healthy");
            Assert.True(Required(FirstStart(run, "airflow-worker"), "airflow-worker starting") >= apiHealthy, "airflow-worker started before the API server was healthy.");

            // The API server answers on its endpoint as the health check saw it.
            using (var http = run.App.CreateHttpClient("airflow-api-server", "http"))
            {
                var response = await http.GetAsync("/api/v2/monitor/health").WaitAsync(TimeSpan.FromSeconds(30));
                Assert.True(response.IsSuccessStatusCode, $"GET /api/v2/monitor/health: {(int)response.StatusCode}");
            }

            // The dag-processor's check really runs inside its container, again and again: freeze the container (its
            // job stops beating and no check can run in it) and the resource turns unhealthy; thaw it, healthy.
            var dagProcessor = run.Containers.Single(c => c.Value.StartsWith("airflow-dag-processor-", StringComparison.Ordinal)).Key;
            await DockerEngine.LinesAsync("pause", dagProcessor);
            var unhealthy = await run.WaitForStateAsync("airflow-dag-processor", e => e.Snapshot.HealthStatus == HealthStatus.Unhealthy, TimeSpan.FromSeconds(90));
            output.WriteLine($"airflow-dag-processor after its check began failing: {unhealthy.Snapshot.State?.Text}, {unhealthy.Snapshot.HealthStatus}");
            await DockerEngine.LinesAsync("unpause", dagProcessor);
            await run.WaitForStateAsync("airflow-dag-processor", e => e.Snapshot.HealthStatus == HealthStatus.Healthy, TimeSpan.FromSeconds(90));

            // WithWorkers(2): Aspire's orchestrator makes replicas of projects only, so a local run models each
            // worker as a container resource of its own: airflow-worker and airflow-worker-2, both healthy.
            await run.WaitForStateAsync("airflow-worker-2", e => e.Snapshot.HealthStatus == HealthStatus.Healthy, TimeSpan.FromMinutes(2));
            var workerContainers = run.Containers.Where(c => c.Value.StartsWith("airflow-worker-", StringComparison.Ordinal)).Select(c => c.Key).ToList();
            output.WriteLine($"WithWorkers(2): {workerContainers.Count} worker container(s).");
            Assert.Equal(2, workerContainers.Count);
            Assert.Equal(2, (await DockerEngine.LinesAsync("ps", "-q", "--filter", "name=^/airflow-worker-")).Count);

            await run.StopAndAssertCleanedUpAsync();
        }
    }

    /// <summary>When a resource first left Waiting: the orchestrator began creating its container.</summary>
    private static DateTime? FirstStart(RunningApp run, string resourceName) =>
        run.Timeline.FirstOrDefault(e => e.ResourceName == resourceName && (e.State == KnownResourceStates.Running || e.State == KnownResourceStates.Starting)
            && run.Timeline.Any(w => w.ResourceName == resourceName && w.State == KnownResourceStates.Waiting && w.Time <= e.Time))?.Time;

    private static DateTime Required(DateTime? time, string what) => time ?? throw new Xunit.Sdk.XunitException($"The timeline has no '{what}'.");
}

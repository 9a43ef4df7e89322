using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests;

/// <summary>
/// The default AppHost (AppHost/Program.cs), and Airflow 2.11, with REAL Airflow: the official image the model names,
/// which judges what the stand-ins only imitate. It runs where the local engine holds that image and skips, saying so, where it does
/// not (no machine here can pull it). Postgres and Redis run their official images where present, else the local
/// test images, which honour the same settings.
/// </summary>
[Collection(ContainerTests.Name)]
public sealed class RealAirflowTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Healthy = TimeSpan.FromMinutes(6);

    [SkippableFact]
    public async Task The_default_apphost_runs_hello_celery_on_its_workers_and_the_dashboard_commands_answer_with_airflows_output()
    {
        var builder = await TestModel.CreateFromAppHostAsync<Projects.AppHost>(output);
        var airflow = builder.Resources.OfType<AirflowResource>().Single();
        OfficialAirflowImage.SkipUnlessPresent(airflow.Image);
        var volume = $"airflowaspire-test-{Guid.NewGuid():N}"[..32];
        UseLocalServers(builder, volume);

        var run = await RunningApp.StartAsync(builder, output, Healthy);
        try
        {
            await using (run)
            {
                var model = run.App.Services.GetRequiredService<DistributedApplicationModel>();
                var components = model.Resources.OfType<AirflowComponentResource>().ToList();
                try
                {
                    var init = await run.WaitForStateAsync($"{airflow.Name}-init", e => e.Snapshot.State?.Text is { } s && KnownResourceStates.TerminalStates.Contains(s), Healthy);
                    Assert.Equal(0, init.Snapshot.ExitCode);
                    foreach (var component in components.Where(c => c.Role != AirflowRole.Init))
                    {
                        await run.WaitHealthyAsync(component.Name, Healthy);
                    }
                }
                finally
                {
                    run.WriteTimeline();
                }

                var api = new AirflowRestApi(run.App.CreateHttpClient($"{airflow.Name}-api-server", AirflowComponentResource.HttpEndpointName));
                await api.LogInAsync(airflow.AdminUserName, (await airflow.Secrets.AdminPassword.GetValueAsync(default))!);
                await api.WaitForDagAsync("hello_celery", TimeSpan.FromMinutes(3));
                await api.UnpauseAsync("hello_celery");
                var runId = await api.TriggerAsync("hello_celery");
                Assert.Equal("success", await api.WaitForRunAsync("hello_celery", runId, TimeSpan.FromMinutes(5)));

                // The API server read the task's log from the worker that ran it (its log server on 8793).
                var log = await api.TaskLogAsync("hello_celery", runId, "total");
                Assert.Contains("total is 6", log, StringComparison.Ordinal);
                Assert.Contains(":8793/log/", log, StringComparison.Ordinal);

                var commands = run.App.ResourceCommands;
                var list = await commands.ExecuteCommandAsync($"{airflow.Name}-scheduler", "airflow-list-dags").WaitAsync(TestModel.ResourceTimeout);
                Assert.True(list.Success, list.Message);
                Assert.Contains("hello_celery", list.Data?.Value, StringComparison.Ordinal);
                var check = await commands.ExecuteCommandAsync($"{airflow.Name}-scheduler", "airflow-db-check").WaitAsync(TestModel.ResourceTimeout);
                Assert.True(check.Success, check.Message);

                await run.StopAndAssertCleanedUpAsync();
            }
        }
        finally
        {
            await DockerEngine.RemoveVolumeAsync(volume, TestModel.CleanupTimeout);
        }
    }

    /// <summary>
    /// Airflow 2.11 (its webserver, Celery workers, the triggerer) on the official 2.11 image where present: a DAG of
    /// Airflow 2's API unpaused and triggered through the dashboard's commands, its run succeeding on the workers as
    /// the scheduler's own CLI reports it, and its task log read through the webserver's REST API with the admin's
    /// name and password (Airflow 2's API takes no token; the model turns on its basic auth backend).
    /// </summary>
    [SkippableFact]
    public async Task Airflow_2_11_runs_a_dag_on_its_workers_triggered_from_the_dashboards_commands()
    {
        using var dags = new TempFolder();
        dags.Write("hello_two.py", HelloTwo);
        var builder = TestModel.Create(output);
        var database = PreferOfficial(builder.AddPostgres("postgres")).AddDatabase("airflow-db", databaseName: "airflow");
        var broker = PreferOfficial(builder.AddRedis("redis"));
        var airflow = builder.AddAirflow("airflow").WithVersion("2.11.0").WithDatabase(database).WithCeleryExecutor(broker)
            .WithWorkers(2).WithTriggerer().WithDags(dags.Path);
        OfficialAirflowImage.SkipUnlessPresent(airflow.Resource.Image);

        var run = await RunningApp.StartAsync(builder, output, Healthy);
        await using (run)
        {
            try
            {
                var model = run.App.Services.GetRequiredService<DistributedApplicationModel>();
                foreach (var component in model.Resources.OfType<AirflowComponentResource>().Where(c => c.Role != AirflowRole.Init))
                {
                    await run.WaitHealthyAsync(component.Name, Healthy);
                }
            }
            finally
            {
                run.WriteTimeline();
            }

            await BoundedWait.UntilAsync("the dashboard's Unpause DAG to find hello_two", TimeSpan.FromMinutes(3), async () =>
            {
                var unpaused = await DagCommandAsync(run, "airflow-unpause-dag", "hello_two");
                return (unpaused.Success, unpaused.Message ?? string.Empty);
            });
            var triggered = await DagCommandAsync(run, "airflow-trigger-dag", "hello_two");
            Assert.True(triggered.Success, triggered.Message);

            var scheduler = run.Containers.Single(c => c.Value.StartsWith("airflow-scheduler-", StringComparison.Ordinal)).Key;
            var runs = string.Empty;
            await BoundedWait.UntilAsync("the run of hello_two to succeed", TimeSpan.FromMinutes(5), async () =>
            {
                (_, runs, _) = await DockerEngine.RunAsync(TimeSpan.FromMinutes(1), "exec", scheduler, "airflow", "dags", "list-runs", "-d", "hello_two", "-o", "json");
                Assert.DoesNotContain("\"failed\"", runs, StringComparison.Ordinal);
                return (runs.Contains("\"success\"", StringComparison.Ordinal), runs);
            });

            // The webserver read the task's log from the worker that ran it (its log server on 8793).
            var runId = (string)JsonNode.Parse(runs[runs.IndexOf('[', StringComparison.Ordinal)..])!.AsArray().Single()!["run_id"]!;
            using var webserver = run.App.CreateHttpClient($"{airflow.Resource.Name}-webserver", AirflowComponentResource.HttpEndpointName);
            var admin = $"{airflow.Resource.AdminUserName}:{await airflow.Resource.Secrets.AdminPassword.GetValueAsync(default)}";
            webserver.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(admin)));
            webserver.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
            var log = await webserver.GetStringAsync($"/api/v1/dags/hello_two/dagRuns/{Uri.EscapeDataString(runId)}/taskInstances/total/logs/1");
            Assert.Contains("total is 6", log, StringComparison.Ordinal);
            Assert.Contains(":8793/log/", log, StringComparison.Ordinal);

            var list = await run.App.ResourceCommands.ExecuteCommandAsync("airflow-scheduler", "airflow-list-dags").WaitAsync(TestModel.ResourceTimeout);
            Assert.True(list.Success, list.Message);
            Assert.Contains("hello_two", list.Data?.Value, StringComparison.Ordinal);

            await run.StopAndAssertCleanedUpAsync();
        }
    }

    private const string HelloTwo = """
        from __future__ import annotations

        import pendulum

        from airflow.decorators import dag, task


        @dag(dag_id="hello_two", schedule=None, start_date=pendulum.datetime(2026, 1, 1, tz="UTC"), catchup=False)
        def hello_two():
            @task
            def extract() -> list[int]:
                return [1, 2, 3]

            @task
            def total(numbers: list[int]) -> int:
                print(f"total is {sum(numbers)}")
                return sum(numbers)

            total(extract())


        hello_two()
        """;

    private static Task<ExecuteCommandResult> DagCommandAsync(RunningApp run, string command, string dagId) =>
        run.App.ResourceCommands.ExecuteCommandAsync("airflow-scheduler", command,
            new InteractionInputCollection([new InteractionInput { Name = "dagId", InputType = InputType.Text, Value = dagId }]))
            .WaitAsync(TestModel.ResourceTimeout);

    /// <summary>
    /// The AppHost's Postgres and Redis on their official images where the engine holds them, else on the local test
    /// images; Postgres's data in a volume of the test's own, so no volume of a user's run of the AppHost is touched.
    /// </summary>
    private static void UseLocalServers(IDistributedApplicationTestingBuilder builder, string volume)
    {
        var postgres = builder.CreateResourceBuilder(builder.Resources.OfType<PostgresServerResource>().Single());
        foreach (var mount in postgres.Resource.Annotations.OfType<ContainerMountAnnotation>().ToList())
        {
            postgres.Resource.Annotations.Remove(mount);
        }

        PreferOfficial(postgres.WithDataVolume(volume));
        PreferOfficial(builder.CreateResourceBuilder(builder.Resources.OfType<RedisResource>().Single()));
    }

    private static IResourceBuilder<PostgresServerResource> PreferOfficial(IResourceBuilder<PostgresServerResource> postgres) =>
        ImagePresent(postgres.Resource) ? postgres : postgres.WithTestImage();

    private static IResourceBuilder<RedisResource> PreferOfficial(IResourceBuilder<RedisResource> redis) =>
        ImagePresent(redis.Resource) ? redis : redis.WithTestImage();

    private static bool ImagePresent(IResource server)
    {
        var image = server.Annotations.OfType<ContainerImageAnnotation>().Last();
        var reference = $"{(image.Registry is null ? string.Empty : image.Registry + "/")}{image.Image}:{image.Tag}";
        return DockerEngine.Run(TimeSpan.FromSeconds(30), "image", "inspect", "--format", "{{.Id}}", reference).ExitCode == 0;
    }
}

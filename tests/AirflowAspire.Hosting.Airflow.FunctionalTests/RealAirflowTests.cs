using AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests;

/// <summary>
/// The default AppHost (AppHost/Program.cs) with REAL Airflow: the official image the model names, which judges what
/// the stand-ins only imitate. It runs where the local engine holds that image and skips, saying so, where it does
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

        postgres.WithDataVolume(volume);
        if (!ImagePresent(postgres.Resource))
        {
            postgres.WithTestImage();
        }

        var redis = builder.CreateResourceBuilder(builder.Resources.OfType<RedisResource>().Single());
        if (!ImagePresent(redis.Resource))
        {
            redis.WithTestImage();
        }
    }

    private static bool ImagePresent(IResource server)
    {
        var image = server.Annotations.OfType<ContainerImageAnnotation>().Last();
        var reference = $"{(image.Registry is null ? string.Empty : image.Registry + "/")}{image.Image}:{image.Tag}";
        return DockerEngine.Run(TimeSpan.FromSeconds(30), "image", "inspect", "--format", "{{.Id}}", reference).ExitCode == 0;
    }
}

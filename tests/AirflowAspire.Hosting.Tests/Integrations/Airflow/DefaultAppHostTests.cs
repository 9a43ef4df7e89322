using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Integrations.Airflow;
using AirflowAspire.Testing;

namespace AirflowAspire.Hosting.Tests.Integrations.Airflow;

/// <summary>The default topology declared in AppHost/Program.cs, built as the AppHost builds it.</summary>
public class DefaultAppHostTests
{
    private static async Task<DistributedApplicationModel> BuildAppHostAsync(params string[] args) =>
        (await DistributedApplicationTestingBuilder.CreateAsync<Program>(args)).Build().Model;

    [Fact]
    public async Task Declares_postgres_redis_and_airflow_3_with_celery_two_workers_flower_and_triggerer()
    {
        var model = await BuildAppHostAsync();

        var airflow = Assert.IsType<AirflowResource>(model["airflow"]);
        Assert.True(airflow.Version.IsAirflow3);
        Assert.Equal(AirflowExecutor.Celery, airflow.Executor);
        Assert.Equal(
            ["airflow-init", "airflow-api-server", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer", "airflow-worker", "airflow-flower"],
            airflow.Components.Values.Select(c => c.Name));
        Assert.Equal(2, model["airflow-worker"].GetReplicas());
        Assert.Equal("docker.io/apache/airflow:3.2.2", ((ContainerResource)model["airflow-scheduler"]).Image.Reference);
        Assert.True(model.TryGet("postgres", out _));
        Assert.True(model.TryGet("redis", out _));
    }

    [Fact]
    public async Task Every_component_waits_for_the_database_the_broker_and_the_migration()
    {
        var model = await BuildAppHostAsync();
        var airflow = (AirflowResource)model["airflow"];

        var init = airflow.Components[AirflowRole.Init];
        Assert.True(init.IsRunOnce());
        Assert.Equal(["airflow-db", "redis"], init.GetWaits().Select(w => w.Resource.Name));

        foreach (var component in airflow.Components.Values.Where(c => c != init))
        {
            var waits = component.GetWaits();
            Assert.Contains(waits, w => w.Resource.Name == "airflow-db" && w.Type == WaitType.UntilHealthy);
            Assert.Contains(waits, w => w.Resource.Name == "redis" && w.Type == WaitType.UntilHealthy);
            Assert.Contains(waits, w => w.Resource == init && w.Type == WaitType.UntilCompleted);
        }

        Assert.Contains(model["airflow-worker"].GetWaits(), w => w.Resource.Name == "airflow-api-server");
    }

    [Fact]
    public async Task Dags_folder_of_the_repository_is_mounted_read_only_into_every_component()
    {
        var model = await BuildAppHostAsync();
        var airflow = (AirflowResource)model["airflow"];

        Assert.True(File.Exists(Path.Combine(airflow.DagsPath!, "hello_celery.py")));
        foreach (var component in airflow.Components.Values)
        {
            var mount = Assert.Single(component.GetMounts());
            Assert.Equal((airflow.DagsPath, "/opt/airflow/dags", ContainerMountType.BindMount, true),
                (mount.Source, mount.Target, mount.Type, mount.IsReadOnly));
        }
    }

    [Fact]
    public async Task Api_server_is_on_host_port_8080_and_external()
    {
        var model = await BuildAppHostAsync();

        var http = Assert.Single(model["airflow-api-server"].GetEndpoints());
        Assert.Equal(("http", 8080, 8080, true), (http.Name, http.TargetPort, http.Port, http.IsExternal));
    }

    [Fact]
    public async Task Publish_arguments_put_the_model_in_publish_mode()
    {
        var model = await BuildAppHostAsync("--publisher", "manifest", "--output-path", "ignored");

        Assert.True(model.ExecutionContext.IsPublishMode);
        Assert.Equal("manifest", model.ExecutionContext.PublisherName);
    }
}

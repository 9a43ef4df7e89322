namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>The default topology declared in AppHost/Program.cs, built as the AppHost builds it.</summary>
public class DefaultAppHostTests
{
    [Fact]
    public async Task Declares_postgres_redis_and_airflow_3_with_celery_two_workers_flower_and_triggerer()
    {
        var model = await AppHosts.BuildModelAsync(AppHosts.Default);

        var airflow = model.Airflow();
        Assert.True(airflow.Version.IsAirflow3);
        Assert.Equal(AirflowExecutor.Celery, airflow.Executor);
        Assert.Equal(
            ["airflow-init", "airflow-api-server", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer", "airflow-worker", "airflow-flower"],
            airflow.Components.Values.Select(c => c.Name));
        Assert.Equal(2, model.Get("airflow-worker").GetReplicaCount());
        Assert.Equal("docker.io/apache/airflow:3.2.2", ModelInspection.ImageReference(model.Get("airflow-scheduler")));
        Assert.IsType<PostgresServerResource>(model.Get("postgres"));
        Assert.IsType<RedisResource>(model.Get("redis"));
    }

    [Fact]
    public async Task Every_component_waits_for_the_database_the_broker_and_the_migration()
    {
        var model = await AppHosts.BuildModelAsync(AppHosts.Default);
        var airflow = model.Airflow();

        var init = airflow.Components[AirflowRole.Init];
        Assert.Equal(["airflow-db", "redis"], ModelInspection.Waits(init).Select(w => w.Resource.Name));
        foreach (var component in airflow.Components.Values.Where(c => c != init))
        {
            var waits = ModelInspection.Waits(component);
            Assert.Contains(waits, w => w.Resource.Name == "airflow-db" && w.WaitType == WaitType.WaitUntilHealthy);
            Assert.Contains(waits, w => w.Resource.Name == "redis" && w.WaitType == WaitType.WaitUntilHealthy);
            Assert.Contains(waits, w => w.Resource == init && w.WaitType == WaitType.WaitForCompletion);
        }

        Assert.Contains(ModelInspection.Waits(model.Get("airflow-worker")), w => w.Resource.Name == "airflow-api-server");
    }

    [Fact]
    public async Task Dags_folder_of_the_repository_is_mounted_read_only_into_every_component()
    {
        var model = await AppHosts.BuildModelAsync(AppHosts.Default);
        var airflow = model.Airflow();

        Assert.Equal(Path.Combine(RepositoryPaths.Root, "dags"), airflow.DagsPath);
        foreach (var component in airflow.Components.Values)
        {
            var mount = Assert.Single(ModelInspection.Mounts(component));
            Assert.Equal((airflow.DagsPath, "/opt/airflow/dags", ContainerMountType.BindMount, true), (mount.Source, mount.Target, mount.Type, mount.IsReadOnly));
        }
    }

    [Fact]
    public async Task The_ui_is_on_host_port_8080_and_postgres_keeps_its_data_in_a_volume()
    {
        var model = await AppHosts.BuildModelAsync(AppHosts.Default);

        Assert.Equal(8080, model.Get("airflow-api-server").Annotations.OfType<EndpointAnnotation>().Single().Port);
        Assert.Contains(model.Get("postgres").Annotations.OfType<ContainerMountAnnotation>(), m => m.Type == ContainerMountType.Volume);
    }
}

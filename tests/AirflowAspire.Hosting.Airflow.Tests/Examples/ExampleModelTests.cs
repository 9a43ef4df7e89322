namespace AirflowAspire.Hosting.Airflow.Tests.Examples;

/// <summary>
/// The example AppHosts of <c>examples/</c>, each built as its <c>Program.cs</c> builds it: the topology a
/// user picks the example for is what the model holds.
/// </summary>
public class ExampleModelTests
{
    public static TheoryData<string, string> Examples => new()
    {
        { "kubernetes-executor", "AirflowAspire.Examples.KubernetesExecutor" },
        { "celery-rabbitmq", "AirflowAspire.Examples.CeleryRabbitMQ" },
        { "standalone", "AirflowAspire.Examples.Standalone" },
        { "celery-redis", "AirflowAspire.Examples.CeleryRedis" },
    };

    [Fact]
    public async Task Kubernetes_executor_runs_tasks_in_pods_with_dags_and_logs_on_volumes_and_the_ui_behind_a_load_balancer()
    {
        var airflow = (await AppHosts.BuildModelAsync("AirflowAspire.Examples.KubernetesExecutor")).Airflow();

        Assert.Equal(AirflowExecutor.Kubernetes, airflow.Executor);
        Assert.True(airflow.LaunchesPods);
        Assert.IsType<AirflowDagDelivery.VolumeDelivery>(airflow.DagDelivery);
        Assert.NotNull(airflow.LogsVolume);
        Assert.Equal(AirflowServiceType.LoadBalancer, airflow.ApiServerExposure.Type);
        Assert.DoesNotContain(AirflowRole.Worker, airflow.Components.Keys);
    }

    [Fact]
    public async Task Celery_rabbitmq_runs_three_autoscaled_workers_on_rabbitmq_with_flower_and_triggerer()
    {
        var model = await AppHosts.BuildModelAsync("AirflowAspire.Examples.CeleryRabbitMQ");
        var airflow = model.Airflow();

        Assert.IsType<RabbitMQServerResource>(airflow.Broker);
        Assert.Equal(3, airflow.Components[AirflowRole.Worker].GetReplicaCount());
        Assert.Equal((2, 6), (airflow.WorkerAutoscaling!.MinReplicas, airflow.WorkerAutoscaling.MaxReplicas));
        Assert.Contains(AirflowRole.Flower, airflow.Components.Keys);
        Assert.Contains(AirflowRole.Triggerer, airflow.Components.Keys);
    }

    [Fact]
    public async Task Standalone_is_one_pod_with_postgres_and_the_local_executor()
    {
        var airflow = (await AppHosts.BuildModelAsync("AirflowAspire.Examples.Standalone")).Airflow();

        Assert.True(airflow.IsStandalonePod);
        Assert.Equal(AirflowExecutor.Local, airflow.Executor);
        Assert.Same(AirflowDagDelivery.Baked, airflow.DagDelivery);
    }

    [Fact]
    public async Task Celery_redis_runs_two_workers_on_redis_with_flower_and_may_launch_pods()
    {
        var airflow = (await AppHosts.BuildModelAsync("AirflowAspire.Examples.CeleryRedis")).Airflow();

        Assert.IsType<RedisResource>(airflow.Broker);
        Assert.Equal(2, airflow.Components[AirflowRole.Worker].GetReplicaCount());
        Assert.True(airflow.LaunchesPods);
        Assert.Equal(AirflowServiceType.ClusterIP, airflow.ApiServerExposure.Type);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Every_example_runs_airflow_3_on_postgres_and_mounts_the_repository_dags_folder(string folder, string assemblyName)
    {
        _ = folder;
        var airflow = (await AppHosts.BuildModelAsync(assemblyName)).Airflow();

        Assert.Equal(Path.Combine(RepositoryPaths.Root, "dags"), airflow.DagsPath);
        Assert.True(airflow.Version.IsAirflow3);
        Assert.Equal("airflow", airflow.Database!.DatabaseName);
        foreach (var component in airflow.Components.Values)
        {
            Assert.Contains(ModelInspection.Mounts(component), m =>
                (m.Source, m.Target, m.Type, m.IsReadOnly) == (airflow.DagsPath, "/opt/airflow/dags", ContainerMountType.BindMount, true));
        }
    }
}

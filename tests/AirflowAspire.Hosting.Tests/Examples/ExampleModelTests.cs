using System.Reflection;
using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Integrations.Airflow;
using AirflowAspire.Hosting.Integrations.Postgres;
using AirflowAspire.Hosting.Integrations.RabbitMQ;
using AirflowAspire.Hosting.Integrations.Redis;
using AirflowAspire.Testing;

namespace AirflowAspire.Hosting.Tests.Examples;

/// <summary>
/// The example AppHosts of <c>examples/</c>, each built as its <c>Program.cs</c> builds it: the topology a
/// user picks the example for is what the model holds.
/// </summary>
public class ExampleModelTests
{
    /// <summary>Example folder and assembly name of every example.</summary>
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
        var (model, airflow) = await BuildAsync("AirflowAspire.Examples.KubernetesExecutor");

        Assert.Equal(AirflowExecutor.Kubernetes, airflow.Executor);
        Assert.Equal("airflow", airflow.KubernetesExecutor?.Namespace);
        Assert.Null(airflow.Broker);
        AssertComponents(airflow, "airflow-init", "airflow-api-server", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer");
        Assert.False(model.TryGet("airflow-worker", out _));
        Assert.False(model.TryGet("airflow-flower", out _));
        Assert.DoesNotContain(model.Resources, r => r is RedisResource or RabbitMQServerResource);

        var dags = Assert.IsType<AirflowDagDelivery.VolumeDelivery>(airflow.DagDelivery);
        Assert.Equal(("volume", "5Gi"), (dags.Mode, dags.Size));
        Assert.Equal("10Gi", airflow.LogsVolume?.Size);
        Assert.Equal(AirflowServiceType.LoadBalancer, airflow.ApiServerExposure.Type);
        Assert.True(airflow.LaunchesPods);
        Assert.False(airflow.IsStandalonePod);
        Assert.Null(airflow.WorkerAutoscaling);
    }

    [Fact]
    public async Task Celery_rabbitmq_runs_three_autoscaled_workers_on_rabbitmq_with_flower_and_triggerer()
    {
        var (model, airflow) = await BuildAsync("AirflowAspire.Examples.CeleryRabbitMQ");

        Assert.Equal(AirflowExecutor.Celery, airflow.Executor);
        var rabbit = Assert.IsType<RabbitMQServerResource>(airflow.Broker);
        Assert.Same(rabbit, model["rabbitmq"]);
        Assert.True(rabbit.HasManagementPlugin());
        Assert.Empty(model.Resources.OfType<RedisResource>());
        AssertComponents(airflow,
            "airflow-init", "airflow-api-server", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer", "airflow-worker", "airflow-flower");
        Assert.Equal(3, model["airflow-worker"].GetReplicas());
        Assert.Equal(new AirflowWorkerAutoscaling(AirflowAutoscaler.HorizontalPodAutoscaler, 2, 6), airflow.WorkerAutoscaling);

        Assert.Same(AirflowDagDelivery.Baked, airflow.DagDelivery);
        Assert.Equal(AirflowServiceType.ClusterIP, airflow.ApiServerExposure.Type);
        Assert.False(airflow.LaunchesPods);
        Assert.False(airflow.IsStandalonePod);
    }

    [Fact]
    public async Task Standalone_is_one_pod_with_postgres_and_the_local_executor_and_dags_baked_into_the_image()
    {
        var (model, airflow) = await BuildAsync("AirflowAspire.Examples.Standalone");

        Assert.Equal(AirflowExecutor.Local, airflow.Executor);
        Assert.True(airflow.IsStandalonePod);
        Assert.Same(model["postgres"], airflow.Database?.Server);
        Assert.Null(airflow.Broker);
        AssertComponents(airflow, "airflow-init", "airflow-api-server", "airflow-scheduler", "airflow-dag-processor");
        Assert.DoesNotContain(model.Resources, r => r is RedisResource or RabbitMQServerResource);

        Assert.Same(AirflowDagDelivery.Baked, airflow.DagDelivery);
        Assert.Null(airflow.LogsVolume);
        Assert.Equal(AirflowServiceType.ClusterIP, airflow.ApiServerExposure.Type);
        Assert.False(airflow.LaunchesPods);
    }

    [Fact]
    public async Task Celery_redis_runs_two_workers_on_redis_with_flower_and_may_launch_pods()
    {
        var (model, airflow) = await BuildAsync("AirflowAspire.Examples.CeleryRedis");

        Assert.Equal(AirflowExecutor.Celery, airflow.Executor);
        Assert.Same(model["redis"], Assert.IsType<RedisResource>(airflow.Broker));
        Assert.Empty(model.Resources.OfType<RabbitMQServerResource>());
        AssertComponents(airflow,
            "airflow-init", "airflow-api-server", "airflow-scheduler", "airflow-dag-processor", "airflow-worker", "airflow-flower");
        Assert.Equal(2, model["airflow-worker"].GetReplicas());
        Assert.Null(airflow.WorkerAutoscaling);

        Assert.True(airflow.LaunchesPods);
        Assert.False(airflow.IsStandalonePod);
        Assert.Same(AirflowDagDelivery.Baked, airflow.DagDelivery);
        Assert.Equal(AirflowServiceType.ClusterIP, airflow.ApiServerExposure.Type);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Every_example_runs_airflow_3_on_postgres_and_mounts_the_repository_dags_folder(string folder, string assemblyName)
    {
        var (model, airflow) = await BuildAsync(assemblyName);
        var root = RepositoryRoot();

        Assert.Equal(Path.Combine(root, "examples", folder), model.AppHostDirectory.TrimEnd(Path.DirectorySeparatorChar));
        Assert.Equal(Path.Combine(root, "dags"), airflow.DagsPath);
        Assert.True(File.Exists(Path.Combine(airflow.DagsPath!, "kpo_etl.py")));
        Assert.True(airflow.Version.IsAirflow3);
        Assert.IsType<PostgresDatabaseResource>(airflow.Database);
        Assert.Equal("airflow", airflow.Database!.DatabaseName);
        foreach (var component in airflow.Components.Values)
        {
            Assert.Contains(component.GetMounts(), m =>
                (m.Source, m.Target, m.Type, m.IsReadOnly) == (airflow.DagsPath, "/opt/airflow/dags", ContainerMountType.BindMount, true));
        }
    }

    [Fact]
    public async Task Examples_have_their_own_application_names_so_their_volumes_and_secrets_do_not_mix()
    {
        var names = new List<string> { (await DistributedApplicationTestingBuilder.CreateAsync<Program>()).Build().Model.ApplicationName };
        foreach (var assemblyName in Examples.Select(row => (string)row[1]))
        {
            names.Add((await BuildAsync(assemblyName)).Model.ApplicationName);
        }

        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Contains("airflowaspire-examples-celeryredis", names);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Examples_export_no_types_so_tests_can_load_them_side_by_side(string folder, string assemblyName)
    {
        var exported = Assembly.Load(assemblyName).GetExportedTypes();

        Assert.True(exported.Length == 0,
            $"examples/{folder} exports {string.Join(", ", exported.Select(t => t.FullName))}; " +
            "keep Program internal (no `public partial class Program;`), or the examples' Program types clash.");
    }

    private static async Task<(DistributedApplicationModel Model, AirflowResource Airflow)> BuildAsync(string assemblyName, params string[] args)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync(Assembly.Load(assemblyName), args);
        var model = builder.Build().Model;
        return (model, Assert.IsType<AirflowResource>(model["airflow"]));
    }

    private static void AssertComponents(AirflowResource airflow, params string[] expected) =>
        Assert.Equal(expected.Order(), airflow.Components.Values.Select(c => c.Name).Order());

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AirflowAspire.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No AirflowAspire.sln above {AppContext.BaseDirectory}.");
    }
}

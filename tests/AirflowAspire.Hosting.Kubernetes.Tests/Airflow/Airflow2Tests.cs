using k8s;
using k8s.Models;
using static AirflowAspire.Hosting.Kubernetes.Tests.Airflow.AirflowObjects;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Airflow;

/// <summary>Airflow 2.x in a cluster: the webserver instead of the API server, its own secret key, the optional dag-processor.</summary>
public sealed class Airflow2Tests
{
    [SkippableFact]
    public async Task TheWebserverReplacesTheApiServer()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(AirflowContainerImageTags.Airflow2Tag, postgresVolume: true).WithRedisCelery().WithFlower();
        using var cluster = await test.PublishAsync();

        Assert.Contains("airflow/webserver.yaml", cluster.Files);
        Assert.DoesNotContain("airflow/api-server.yaml", cluster.Files);
        Assert.DoesNotContain("airflow/dag-processor.yaml", cluster.Files);
        Assert.False(cluster.Has<V1Deployment>("airflow-api-server"));

        var webserver = Container(cluster.Get<V1Deployment>("airflow-webserver"), "webserver");
        Assert.Equal(new[] { "webserver" }, webserver.Args);
        Assert.Equal("docker.io/apache/airflow:2.11.0", webserver.Image);
        foreach (var probe in new[] { webserver.LivenessProbe, webserver.ReadinessProbe, webserver.StartupProbe })
        {
            Assert.Equal("/health", probe.HttpGet.Path);
            Assert.Equal("8080", probe.HttpGet.Port.Value);
        }

        Assert.Equal("airflow-secret-key", SecretKey(webserver, "AIRFLOW__WEBSERVER__SECRET_KEY"));
        Assert.Null(Env(webserver, "AIRFLOW__API_AUTH__JWT_SECRET"));
        Assert.Contains(cluster.Get<V1Service>("airflow-webserver").Spec.Ports, p => p.Port == 8080);
        Assert.Equal(new[] { "wait-for-migrations" }, cluster.Get<V1Deployment>("airflow-webserver").Spec.Template.Spec.InitContainers.Select(c => c.Name));

        // Airflow 2 creates its users with the same command.
        var createUser = Container(cluster.Get<V1Job>("airflow-init"), "create-user");
        Assert.Contains("| airflow users create", createUser.Args[2], StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AStandaloneDagProcessorGetsItsDeploymentAndProbe()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(AirflowContainerImageTags.Airflow2Tag, postgresVolume: true).WithLocalExecutor().WithStandaloneDagProcessor();
        using var cluster = await test.PublishAsync();

        var processor = Container(cluster.Get<V1Deployment>("airflow-dag-processor"), "dag-processor");
        Assert.Contains("--job-type DagProcessorJob --local", Command(processor.LivenessProbe), StringComparison.Ordinal);
        Assert.Equal("true", cluster.Get<V1ConfigMap>("airflow-config").Data["AIRFLOW__SCHEDULER__STANDALONE_DAG_PROCESSOR"]);
    }

    [SkippableFact]
    public async Task LocalExecutorSchedulerServesTaskLogsByName()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(AirflowContainerImageTags.Airflow2Tag, postgresVolume: true).WithLocalExecutor();
        using var cluster = await test.PublishAsync();

        // Tasks run inside the scheduler, which serves their logs on 8793 like a worker.
        var scheduler = cluster.Get<V1StatefulSet>("airflow-scheduler");
        var service = cluster.Get<V1Service>(scheduler.Spec.ServiceName);
        Assert.Equal("None", service.Spec.ClusterIP);
        Assert.Contains(service.Spec.Ports, p => p.Port == 8793);
        Assert.Contains(Container(scheduler, "scheduler").Ports, p => p.ContainerPort == 8793);
        Assert.False(cluster.Has<V1Deployment>("airflow-scheduler"));
    }

    [SkippableFact]
    public async Task KubernetesExecutorTaskPodsOfAirflow2ReadTheDatabaseSecret()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(AirflowContainerImageTags.Airflow2Tag, postgresVolume: true).WithKubernetesExecutor();
        using var cluster = await test.PublishAsync();

        var pod = KubernetesYaml.Deserialize<V1Pod>(cluster.Get<V1ConfigMap>("airflow-pod-template").Data["pod_template.yaml"], strict: true);
        var baseContainer = Container(pod.Spec, "base");
        Assert.Equal("postgres-password", SecretKey(baseContainer, "AIRFLOWASPIRE_DATABASE_PASSWORD"));
        Assert.Equal("airflow-fernet-key-seed", SecretKey(baseContainer, "AIRFLOWASPIRE_FERNET_KEY_SEED"));
        Assert.Equal("postgres:5432/airflow", Env(baseContainer, "AIRFLOWASPIRE_DATABASE_ADDRESS")!.Value);
    }
}

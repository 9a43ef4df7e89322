using System.Reflection;
using AirflowAspire.Hosting.Publishing.Compose;
using AirflowAspire.Hosting.Tests.Publishing.Compose;
using AirflowAspire.Hosting.Tests.Publishing.Kubernetes;
using AirflowAspire.Testing;
using AirflowAspire.Hosting.Tests.TestSupport;
using AirflowAspire.TestSupport;
using k8s.Models;

namespace AirflowAspire.Hosting.Tests.Examples;

/// <summary>
/// Each example published as its user would publish it: to Kubernetes (rendered with kubectl kustomize, every
/// object parsed as its kind) and to compose (accepted by docker-compose), with the topology it promises.
/// </summary>
public class ExamplePublishTests
{
    [SkippableFact]
    public async Task Kubernetes_executor_publishes_rbac_shared_volumes_and_a_load_balancer_and_no_workers()
    {
        using var cluster = await PublishToKubernetesAsync("AirflowAspire.Examples.KubernetesExecutor");

        Assert.Equal("LoadBalancer", cluster.Get<V1Service>("airflow-api-server").Spec.Type);
        Assert.True(cluster.Has<V1Role>("airflow-pod-launcher"));
        Assert.Empty(cluster.All<V1ClusterRole>());
        Assert.Equal(["ReadWriteMany"], cluster.Get<V1PersistentVolumeClaim>("airflow-dags").Spec.AccessModes);
        Assert.Equal(["ReadWriteMany"], cluster.Get<V1PersistentVolumeClaim>("airflow-logs").Spec.AccessModes);
        Assert.False(cluster.Has<V1StatefulSet>("airflow-worker"));
        Assert.Contains(cluster.All<V1ConfigMap>(), c => c.Data?.ContainsKey("pod_template.yaml") == true);
    }

    [SkippableFact]
    public async Task Celery_rabbitmq_publishes_rabbitmq_flower_and_autoscaled_worker_statefulset()
    {
        using var cluster = await PublishToKubernetesAsync("AirflowAspire.Examples.CeleryRabbitMQ");

        Assert.NotEmpty(cluster.Get<V1StatefulSet>("rabbitmq").Spec.VolumeClaimTemplates);
        Assert.True(cluster.Has<V1Deployment>("airflow-flower"));
        var workers = cluster.Get<V1StatefulSet>("airflow-worker");
        Assert.Equal("None", cluster.Get<V1Service>(workers.Spec.ServiceName).Spec.ClusterIP);
        var autoscaler = cluster.Get<V2HorizontalPodAutoscaler>("airflow-worker");
        Assert.Equal((2, 6), (autoscaler.Spec.MinReplicas ?? 1, autoscaler.Spec.MaxReplicas));
        Assert.True(cluster.Has<V1PodDisruptionBudget>("airflow-worker"));
    }

    [SkippableFact]
    public async Task Standalone_publishes_one_statefulset_pod_with_postgres_beside_airflow_on_a_volume()
    {
        using var cluster = await PublishToKubernetesAsync("AirflowAspire.Examples.Standalone");

        var pod = Assert.Single(cluster.All<V1StatefulSet>());
        Assert.Empty(cluster.All<V1Deployment>());
        Assert.Contains(pod.Spec.Template.Spec.InitContainers, c => c.Name == "postgres" && c.RestartPolicy == "Always");
        Assert.Equal(["api-server", "scheduler", "dag-processor"], pod.Spec.Template.Spec.Containers.Select(c => c.Name));
        Assert.NotEmpty(pod.Spec.VolumeClaimTemplates);
    }

    [SkippableFact]
    public async Task Celery_redis_publishes_redis_flower_workers_and_a_role_to_launch_pods()
    {
        using var cluster = await PublishToKubernetesAsync("AirflowAspire.Examples.CeleryRedis");

        Assert.NotEmpty(cluster.Get<V1StatefulSet>("redis").Spec.VolumeClaimTemplates);
        Assert.True(cluster.Has<V1Deployment>("airflow-flower"));
        Assert.Equal(2, cluster.Get<V1StatefulSet>("airflow-worker").Spec.Replicas);
        var role = cluster.Get<V1Role>("airflow-pod-launcher");
        Assert.Contains(role.Rules, r => r.Resources.Contains("pods") && r.Verbs.Contains("create"));
        var workerAccount = cluster.Get<V1StatefulSet>("airflow-worker").Spec.Template.Spec.ServiceAccountName;
        Assert.Equal("airflow-pod-launcher", workerAccount);
    }

    [SkippableTheory]
    [MemberData(nameof(ExampleModelTests.Examples), MemberType = typeof(ExampleModelTests))]
    public async Task Every_example_publishes_a_compose_file_docker_compose_accepts(string folder, string assemblyName)
    {
        RequiredTool.SkipOrFailIfMissing(!DockerCompose.IsInstalled, "docker-compose is not installed (Debian package docker-compose)");
        using var output = new TempDirectory();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync(Assembly.Load(assemblyName), "--publisher", "compose");
        var model = builder.Build().Model;

        await new ComposePublisher().PublishAsync(model, new PublishingOptions("compose", output.Path), CancellationToken.None);

        var (exitCode, _, stderr) = DockerCompose.Config(output.Path, "-q");
        Assert.True(exitCode == 0, $"{folder}: docker-compose config failed: {stderr}");
        var compose = ComposeDocument.Parse(File.ReadAllText(Path.Combine(output.Path, "docker-compose.yaml")));
        Assert.Contains("airflow-scheduler", compose.ServiceNames);
        Assert.Contains("airflow-init", compose.ServiceNames);
    }

    private static async Task<PublishedCluster> PublishToKubernetesAsync(string assemblyName)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync(Assembly.Load(assemblyName), "--publisher", "kubernetes");
        return await PublishedCluster.PublishAsync(builder.Build().Model);
    }
}

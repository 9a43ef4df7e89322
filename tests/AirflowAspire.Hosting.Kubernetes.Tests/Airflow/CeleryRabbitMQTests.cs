using k8s.Models;
using static AirflowAspire.Hosting.Kubernetes.Tests.Airflow.AirflowObjects;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Airflow;

/// <summary>Celery on RabbitMQ, and the two ways workers follow the load: a HorizontalPodAutoscaler or KEDA.</summary>
public sealed class CeleryRabbitMQTests
{
    [SkippableFact]
    public async Task TheBrokerUrlEmbedsThePasswordFromTheSecret()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithRabbitCelery().WithWorkers(3).WithFlower();
        using var cluster = await test.PublishAsync();

        var worker = Container(cluster.Get<V1StatefulSet>("airflow-worker"), "worker");
        // Airflow joins the URL from its parts (the _CMD option), so the password is a whole value read from the Secret.
        Assert.Contains("'amqp://'", cluster.Get<V1ConfigMap>("airflow-config").Data["AIRFLOW__CELERY__BROKER_URL_CMD"], StringComparison.Ordinal);
        Assert.Null(Env(worker, "AIRFLOW__CELERY__BROKER_URL"));
        Assert.Equal("guest", Env(worker, "AIRFLOWASPIRE_BROKER_USER")!.Value);
        Assert.Equal("rabbitmq:5672//", Env(worker, "AIRFLOWASPIRE_BROKER_ADDRESS")!.Value);
        Assert.Equal("rabbitmq-password", SecretKey(worker, "AIRFLOWASPIRE_BROKER_PASSWORD"));
        Assert.DoesNotContain(worker.Env, e => e.Value?.Contains("$(", StringComparison.Ordinal) == true);
        Assert.Equal(3, cluster.Get<V1StatefulSet>("airflow-worker").Spec.Replicas);
        Assert.True(cluster.Has<V1Deployment>("airflow-flower"));
    }

    [SkippableFact]
    public async Task AHorizontalPodAutoscalerOwnsTheWorkerCount()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithRabbitCelery().WithWorkers(3).WithWorkerAutoscaling(2, 6, targetCpuUtilization: 70);
        using var cluster = await test.PublishAsync();

        var workers = cluster.Get<V1StatefulSet>("airflow-worker");
        Assert.Null(workers.Spec.Replicas);

        var hpa = cluster.Get<V2HorizontalPodAutoscaler>("airflow-worker");
        Assert.Equal("autoscaling/v2", hpa.ApiVersion);
        Assert.Equal("StatefulSet", hpa.Spec.ScaleTargetRef.Kind);
        Assert.Equal("apps/v1", hpa.Spec.ScaleTargetRef.ApiVersion);
        Assert.Equal("airflow-worker", hpa.Spec.ScaleTargetRef.Name);
        Assert.Equal(2, hpa.Spec.MinReplicas);
        Assert.Equal(6, hpa.Spec.MaxReplicas);
        var metric = Assert.Single(hpa.Spec.Metrics);
        Assert.Equal("cpu", metric.Resource.Name);
        Assert.Equal("Utilization", metric.Resource.Target.Type);
        Assert.Equal(70, metric.Resource.Target.AverageUtilization);

        // The CPU target is a share of the request, which the workers therefore have.
        Assert.NotNull(Container(workers, "worker").Resources.Requests["cpu"]);
        Assert.True(cluster.Has<V1PodDisruptionBudget>("airflow-worker"));
        Assert.Empty(cluster.All<KedaScaledObject>());
    }

    [SkippableFact]
    public async Task KedaScalesWorkersOnQueuedAndRunningTasks()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithRabbitCelery().WithKedaAutoscaling(0, 10, tasksPerWorker: 8);
        using var cluster = await test.PublishAsync();

        var workers = cluster.Get<V1StatefulSet>("airflow-worker");
        Assert.Null(workers.Spec.Replicas);
        Assert.Empty(cluster.All<V2HorizontalPodAutoscaler>());

        var scaled = cluster.Get<KedaScaledObject>("airflow-worker");
        Assert.Equal("keda.sh/v1alpha1", scaled.ApiVersion);
        Assert.Equal("StatefulSet", scaled.Spec.ScaleTargetRef.Kind);
        Assert.Equal("airflow-worker", scaled.Spec.ScaleTargetRef.Name);
        Assert.Equal(0, scaled.Spec.MinReplicaCount);
        Assert.Equal(10, scaled.Spec.MaxReplicaCount);

        var trigger = Assert.Single(scaled.Spec.Triggers);
        Assert.Equal("postgresql", trigger.Type);
        var query = trigger.Metadata["query"];
        Assert.Contains("COUNT(*)::decimal / 8", query, StringComparison.Ordinal);
        Assert.Contains("FROM task_instance", query, StringComparison.Ordinal);
        Assert.Contains("state='running' OR state='queued'", query, StringComparison.Ordinal);
        Assert.Equal("airflow", trigger.Metadata["dbName"]);
        Assert.Equal("postgres", trigger.Metadata["userName"]);
        Assert.Equal("5432", trigger.Metadata["port"]);

        // KEDA connects from its own namespace, so the host names the deployment's.
        Assert.Equal("postgres.airflow.svc", trigger.Metadata["host"]);

        // The password is the worker container's variable, itself read from the Secret; never a value.
        Assert.DoesNotContain("password", trigger.Metadata.Keys);
        var container = Container(workers, scaled.Spec.ScaleTargetRef.EnvSourceContainerName ?? workers.Spec.Template.Spec.Containers[0].Name);
        Assert.Equal("postgres-password", SecretKey(container, trigger.Metadata["passwordFromEnv"]));
        Assert.True(cluster.Has<V1PodDisruptionBudget>("airflow-worker"));
    }

    [SkippableFact]
    public async Task KedaWithAnExternalDatabaseIsAClearErrorAndWritesNothing()
    {
        using var test = TestApp.CreateForPublish();
        var external = test.Builder.AddConnectionString("airflow-db");
        test.Builder.AddAirflow("airflow").WithDatabase(external).WithCeleryExecutor(test.Builder.AddRedis("redis")).WithKedaAutoscaling(0, 4);
        using var output = new TempFolder();
        var folder = output.Combine("out");

        var error = await KubernetesTestModels.PublishFailureAsync(
            test, folder, KubernetesTestModels.Options(configuration: new Dictionary<string, string?> { ["ConnectionStrings:airflow-db"] = "postgresql://u:p@db:5432/airflow" }));

        Assert.Contains("KEDA", error, StringComparison.Ordinal);
        Assert.Contains("airflow-db", error, StringComparison.Ordinal);
        Assert.Contains("WithWorkerAutoscaling", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, KustomizeTestPublish.EnvironmentName)));
    }
}

namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

public class AirflowExecutorTests
{
    [Fact]
    public void LocalExecutor_is_the_default_and_runs_no_celery_parts()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase();
        var model = test.BuildModel();

        Assert.Equal([AirflowRole.Init, AirflowRole.ApiServer, AirflowRole.Scheduler, AirflowRole.DagProcessor], airflow.Resource.Components.Keys);
        Assert.All(airflow.Resource.Components.Values, c => Assert.Contains(c, model.Resources));
        var env = ModelInspection.Environment(airflow.Resource.Components[AirflowRole.Scheduler]);
        Assert.Equal("LocalExecutor", env["AIRFLOW__CORE__EXECUTOR"]);
        Assert.DoesNotContain(env.Keys, k => k.StartsWith("AIRFLOW__CELERY__", StringComparison.Ordinal));
    }

    [Fact]
    public void CeleryExecutor_publishes_one_worker_with_the_requested_replicas()
    {
        using var test = TestApp.Create("--publisher", "manifest");
        var airflow = test.AddAirflowWithDatabase().WithRabbitCelery().WithWorkers(3);
        test.BuildModel();

        var worker = airflow.Resource.Components[AirflowRole.Worker];
        Assert.Equal(3, worker.GetReplicaCount());
        Assert.Equal("CeleryExecutor", ModelInspection.Environment(worker)["AIRFLOW__CORE__EXECUTOR"]);
        Assert.Contains(ModelInspection.Waits(worker), w => w.Resource.Name == "rabbitmq");
    }

    [Fact]
    public void A_local_run_starts_each_celery_worker_as_a_container_of_its_own()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithRedisCelery().WithWorkers(3);
        var model = test.BuildModel();

        Assert.Equal(["airflow-worker-2", "airflow-worker-3"], airflow.Resource.AdditionalLocalWorkers.Select(w => w.Name));
        var workers = model.Resources.OfType<AirflowComponentResource>().Where(c => c.Role == AirflowRole.Worker).ToList();
        Assert.Equal(3, workers.Count);
        Assert.All(workers, w => Assert.Equal(1, w.GetReplicaCount()));
        Assert.All(workers, w => Assert.Contains(ModelInspection.Waits(w), wait => wait.Resource.Name == "airflow-init"));
        Assert.All(workers, w => Assert.Equal("CeleryExecutor", ModelInspection.Environment(w)["AIRFLOW__CORE__EXECUTOR"]));

        airflow.WithWorkers(1);
        Assert.Empty(airflow.Resource.AdditionalLocalWorkers);
        Assert.DoesNotContain(test.Builder.Resources, r => r.Name == "airflow-worker-2");
    }

    [Fact]
    public void KubernetesExecutor_points_airflow_at_its_namespace_and_pod_template()
    {
        using var test = TestApp.Create();
        File.WriteAllText(Path.Combine(test.Directory, "pod.yaml"), "apiVersion: v1\nkind: Pod\n");
        var airflow = test.AddAirflowWithDatabase().WithKubernetesExecutor(new KubernetesExecutorOptions("tasks", "pod.yaml"));
        test.BuildModel();

        var scheduler = airflow.Resource.Components[AirflowRole.Scheduler];
        var env = ModelInspection.Environment(scheduler);
        Assert.Equal("KubernetesExecutor", env["AIRFLOW__CORE__EXECUTOR"]);
        Assert.Equal("tasks", env["AIRFLOW__KUBERNETES_EXECUTOR__NAMESPACE"]);
        Assert.Equal(KubernetesExecutorOptions.PodTemplateMountPath, env["AIRFLOW__KUBERNETES_EXECUTOR__POD_TEMPLATE_FILE"]);
        Assert.Equal("docker.io/apache/airflow", env["AIRFLOW__KUBERNETES_EXECUTOR__WORKER_CONTAINER_REPOSITORY"]);
        Assert.Contains(ModelInspection.Mounts(scheduler), m => m.Source == Path.Combine(test.Directory, "pod.yaml") && m.Target == KubernetesExecutorOptions.PodTemplateMountPath);
        Assert.DoesNotContain(AirflowRole.Worker, airflow.Resource.Components.Keys);
    }

    [Fact]
    public void KubernetesExecutor_with_a_missing_pod_template_names_the_file()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase();

        var error = Assert.Throws<DistributedApplicationException>(() =>
            airflow.WithKubernetesExecutor(new KubernetesExecutorOptions(PodTemplateFile: "missing.yaml")));
        Assert.Contains("missing.yaml", error.Message);
        Assert.Contains("'airflow'", error.Message);
    }

    [Fact]
    public void Changing_the_executor_later_removes_the_workers_and_their_waits()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithRedisCelery().WithLocalExecutor();
        var model = test.BuildModel();

        Assert.Equal(AirflowExecutor.Local, airflow.Resource.Executor);
        Assert.DoesNotContain(AirflowRole.Worker, airflow.Resource.Components.Keys);
        Assert.DoesNotContain(model.Resources, r => r.Name == "airflow-worker");
        Assert.DoesNotContain(model.Resources, r => ModelInspection.Waits(r).Any(w => w.Resource.Name == "redis"));
    }
}

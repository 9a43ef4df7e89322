using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Integrations.Airflow;

namespace AirflowAspire.Hosting.Tests.Integrations.Airflow;

public class AirflowExecutorTests
{
    [Fact]
    public void LocalExecutor_is_the_default_and_runs_no_celery_parts()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase();
        test.Builder.Build();

        Assert.Equal([AirflowRole.Init, AirflowRole.ApiServer, AirflowRole.Scheduler, AirflowRole.DagProcessor], airflow.Resource.Components.Keys);
        var env = TestApp.LocalEnvironment(airflow.Resource.Components[AirflowRole.Scheduler]);
        Assert.Equal("LocalExecutor", env["AIRFLOW__CORE__EXECUTOR"]);
        Assert.DoesNotContain(env.Keys, k => k.StartsWith("AIRFLOW__CELERY__", StringComparison.Ordinal));
    }

    [Fact]
    public void CeleryExecutor_adds_workers_with_the_requested_replicas()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithRabbitCelery().WithWorkers(3);
        test.Builder.Build();

        var worker = airflow.Resource.Components[AirflowRole.Worker];
        Assert.Equal(3, worker.GetReplicas());
        Assert.Equal("CeleryExecutor", TestApp.LocalEnvironment(worker)["AIRFLOW__CORE__EXECUTOR"]);
        Assert.Contains(worker.GetWaits(), w => w.Resource.Name == "rabbitmq");
    }

    [Fact]
    public void KubernetesExecutor_points_airflow_at_its_namespace_and_pod_template()
    {
        using var test = TestApp.Create();
        File.WriteAllText(Path.Combine(test.Directory, "pod.yaml"), "apiVersion: v1\nkind: Pod\n");
        var airflow = test.AddAirflowWithDatabase().WithKubernetesExecutor(new KubernetesExecutorOptions("tasks", "pod.yaml"));
        test.Builder.Build();

        var scheduler = airflow.Resource.Components[AirflowRole.Scheduler];
        var env = TestApp.LocalEnvironment(scheduler);
        Assert.Equal("KubernetesExecutor", env["AIRFLOW__CORE__EXECUTOR"]);
        Assert.Equal("tasks", env["AIRFLOW__KUBERNETES_EXECUTOR__NAMESPACE"]);
        Assert.Equal(KubernetesExecutorOptions.PodTemplateMountPath, env["AIRFLOW__KUBERNETES_EXECUTOR__POD_TEMPLATE_FILE"]);
        Assert.Contains(scheduler.GetMounts(), m => m.Source == Path.Combine(test.Directory, "pod.yaml") && m.Target == KubernetesExecutorOptions.PodTemplateMountPath);
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
    public void Changing_the_executor_later_replaces_the_earlier_choice()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithRedisCelery().WithLocalExecutor();
        var model = test.Builder.Build().Model;

        Assert.Equal(AirflowExecutor.Local, airflow.Resource.Executor);
        Assert.DoesNotContain(AirflowRole.Worker, airflow.Resource.Components.Keys);
        Assert.DoesNotContain(model.Resources, r => r.GetWaits().Any(w => w.Resource.Name == "redis"));
    }
}

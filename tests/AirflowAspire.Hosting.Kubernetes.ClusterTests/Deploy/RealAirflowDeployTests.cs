using k8s;

namespace AirflowAspire.Hosting.Kubernetes.ClusterTests.Deploy;

/// <summary>
/// The default AppHost deployed to the 1.20 test cluster with REAL Airflow: the official image the model names, where
/// the local engine holds it (DagPackager bakes the DAGs onto it), which judges what the stand-in only imitates. No
/// machine of this project can pull it, so the test skips, saying so, where it is absent (CI too).
/// </summary>
[Collection(AppHostDeployCollection.Name)]
public sealed class RealAirflowDeployTests(OfficialImageStandIns images)
{
    private const string Dag = "hello_celery";
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(12);

    [SkippableFact]
    public async Task The_deployed_default_apphost_runs_hello_celery_on_its_workers_and_serves_its_task_log()
    {
        Skip.IfNot(images.RealAirflow, "The official Airflow image the default AppHost names is not in the local Docker engine (only the " +
            "stand-in is, under its name), and none can be pulled here: load it with `docker load` to run this test.");
        await using var target = await DeployTarget.CreateAsync("real-airflow");
        using var output = new TempFolder();

        var deployed = await AppHostProcess.RunAsync(AppHostProcess.DefaultAppHost, output.Path, ProcessTimeout,
            ["--operation", "publish", "--step", "deploy", "--output-path", output.Path, .. target.Switches(TimeSpan.FromMinutes(10))]);
        await target.AssertReadyWithoutRestartsAsync(deployed);

        // The host reaches a Service's ClusterIP directly (kube-proxy), as a port-forward would.
        var apiServer = await target.Client.CoreV1.ReadNamespacedServiceAsync("airflow-api-server", target.Namespace);
        using var http = new HttpClient { BaseAddress = new Uri($"http://{apiServer.Spec.ClusterIP}:8080"), Timeout = TimeSpan.FromMinutes(1) };
        var api = new AirflowRestApi(http);
        await api.LogInAsync("admin", DeployedPostgres.SecretValue(output.Path, "airflow-admin-password"));
        await api.WaitForDagAsync(Dag, TimeSpan.FromMinutes(3));
        await api.UnpauseAsync(Dag);
        var runId = await api.TriggerAsync(Dag);
        Assert.Equal("success", await api.WaitForRunAsync(Dag, runId, TimeSpan.FromMinutes(5)));

        // The API server read the task's log from the log server of the worker pod that ran it, found by its host name.
        var log = await api.TaskLogAsync(Dag, runId, "total");
        Assert.Contains("total is 6", log, StringComparison.Ordinal);
        Assert.Contains(":8793/log/", log, StringComparison.Ordinal);
    }
}

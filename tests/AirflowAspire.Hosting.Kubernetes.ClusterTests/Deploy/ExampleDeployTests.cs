using System.Text.RegularExpressions;

namespace AirflowAspire.Hosting.Kubernetes.ClusterTests.Deploy;

/// <summary>
/// Each example AppHost deployed by its own process to the real 1.20 test cluster, all the way to every workload
/// ready (components reach their servers by Service name through the cluster's DNS; Airflow is the local stand-in
/// under the official image's name), then destroyed with its data.
/// </summary>
[Collection(AppHostDeployCollection.Name)]
public sealed class ExampleDeployTests
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(6);

    /// <summary>Each example, one of its Airflow workloads, and the namespace it needs (null: any).</summary>
    public static TheoryData<string, string, string?> Examples => new()
    {
        { "AirflowAspire.Examples.CeleryRabbitMQ", "StatefulSet/airflow-worker", null },
        { "AirflowAspire.Examples.CeleryRedis", "Deployment/airflow-scheduler", null },
        // Its KubernetesExecutor starts task pods in namespace "airflow", and publishing elsewhere is refused.
        { "AirflowAspire.Examples.KubernetesExecutor", "Deployment/airflow-scheduler", "airflow" },
    };

    [SkippableTheory]
    [MemberData(nameof(Examples))]
    public async Task DeployRunsTheExampleToReadyWithoutRestarts(string example, string airflowWorkload, string? @namespace)
    {
        await using var target = @namespace is null ? await DeployTarget.CreateAsync("example") : await DeployTarget.CreateNamedAsync(@namespace);
        using var output = new TempFolder();

        var deployed = await RunAsync(example, target, output.Path, "deploy");

        await target.AssertReadyWithoutRestartsAsync(deployed);
        Assert.Matches($@"Waiting for {airflowWorkload}: \d+/\d+ (ready|available)", deployed.StandardOutput);
        Assert.Matches(@"Waiting for (StatefulSet|Deployment)/postgres: 1/1 (ready|available)", deployed.StandardOutput);
        var recorded = await target.RecordedVersionsAsync();
        Assert.DoesNotContain("missing", recorded.Values);
        Assert.Contains(recorded.Keys, k => k.EndsWith("Job/airflow-init", StringComparison.Ordinal));

        var destroyed = await RunAsync(example, target, output.Path, "destroy", "--delete-data", "--yes");

        Assert.True(destroyed.ExitCode == 0, destroyed.StandardOutput + destroyed.StandardError);
        Assert.False(await target.NamespaceExistsAsync(), "destroy --delete-data deletes the namespace deploy created.\n" + destroyed.StandardOutput);
    }

    [SkippableFact]
    public async Task ADeployWhoseWorkloadsAreNotReadyInTimeListsThemOnceAndExits1WithoutAStackTrace()
    {
        await using var target = await DeployTarget.CreateAsync("unready");
        using var output = new TempFolder();

        var deployed = await AppHostProcess.RunAsync("AirflowAspire.Examples.CeleryRedis", output.Path, ProcessTimeout,
            ["--operation", "publish", "--step", "deploy", "--output-path", output.Path, .. target.Switches(TimeSpan.FromSeconds(1))]);

        var printed = deployed.StandardOutput + deployed.StandardError;
        Assert.True(deployed.ExitCode == 1, printed);
        Assert.True(Regex.Count(printed, "did not become ready") == 1, "The failure list should be printed once:\n" + printed);
        Assert.Matches(@"not ready after 1 s", printed);
        Assert.DoesNotMatch(@"(?m)^crit:|^\s+at |Unhandled exception", printed);
    }

    [SkippableFact]
    public async Task TheCeleryRabbitMQExampleGetsItsDisruptionBudgetAndAutoscalerInTheVersionsKubernetes120Serves()
    {
        await using var target = await DeployTarget.CreateAsync("fallback");
        using var output = new TempFolder();

        var deployed = await RunAsync("AirflowAspire.Examples.CeleryRabbitMQ", target, output.Path, "deploy");

        Assert.True(deployed.StandardOutput.Contains("HorizontalPodAutoscaler/airflow-worker: v1.20.2 does not serve autoscaling/v2; applied as autoscaling/v2beta2.", StringComparison.Ordinal),
            deployed.StandardOutput + deployed.StandardError);
        Assert.NotNull(await target.GetAsync("policy/v1beta1", "PodDisruptionBudget", "airflow-worker"));
        var autoscaler = await target.GetAsync("autoscaling/v2beta2", "HorizontalPodAutoscaler", "airflow-worker");
        Assert.Equal("airflow-worker", (string?)autoscaler?["spec"]?["scaleTargetRef"]?["name"]);
    }

    [SkippableFact]
    public async Task TheStandaloneExampleRunsPostgresBesideItsComponentsOnKubernetes120ToReadyWithoutRestarts()
    {
        await using var target = await DeployTarget.CreateAsync("standalone");
        using var output = new TempFolder();

        var deployed = await RunAsync("AirflowAspire.Examples.Standalone", target, output.Path, "deploy");

        await target.AssertReadyWithoutRestartsAsync(deployed);
        Assert.Contains("StatefulSet/airflow: Kubernetes v1.20.2 has no native sidecars (1.29 and later do), so Airflow 'airflow' runs Postgres as a plain container", deployed.StandardOutput);
        Assert.Contains("Waiting for StatefulSet/airflow: 1/1 ready", deployed.StandardOutput);
        Assert.Null(await target.GetAsync("batch/v1", "Job", "airflow-init"));

        var pod = await StandalonePod.WaitForPostgresAsync(target, "airflow-0");
        await DeployedPostgres.AssertAcceptsAsync(pod.Status.PodIP, output.Path);

        var destroyed = await RunAsync("AirflowAspire.Examples.Standalone", target, output.Path, "destroy", "--delete-data", "--yes");

        Assert.True(destroyed.ExitCode == 0, destroyed.StandardOutput + destroyed.StandardError);
        Assert.False(await target.NamespaceExistsAsync(), "destroy --delete-data deletes the namespace deploy created.\n" + destroyed.StandardOutput);
    }

    private static Task<ProcessResult> RunAsync(string example, DeployTarget target, string output, string step, params string[] more) =>
        AppHostProcess.RunAsync(example, output, ProcessTimeout,
            ["--operation", "publish", "--step", step, "--output-path", output, .. target.Switches(TimeSpan.FromMinutes(5)), .. more]);
}

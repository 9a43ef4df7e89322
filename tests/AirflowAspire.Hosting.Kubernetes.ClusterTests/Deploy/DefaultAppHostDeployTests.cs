using k8s;

namespace AirflowAspire.Hosting.Kubernetes.ClusterTests.Deploy;

/// <summary>
/// The repository's AppHost deployed by its own process (<c>--operation publish --step deploy</c>, as <c>aspire
/// deploy</c> runs it) to the real 1.20 test cluster, deployed again, and destroyed. Every component reaches the
/// database and the broker by their Services' names through the cluster's DNS; Postgres, Redis and Airflow run the
/// local stand-ins of their official images (the Airflow one proves the wiring only).
/// </summary>
[Collection(AppHostDeployCollection.Name)]
public sealed class DefaultAppHostDeployTests
{
    private static readonly string[] AirflowWorkloads =
    [
        "Job/airflow-init", "Deployment/airflow-api-server", "Deployment/airflow-scheduler", "Deployment/airflow-dag-processor",
        "StatefulSet/airflow-triggerer", "StatefulSet/airflow-worker", "Deployment/airflow-flower",
    ];

    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(8);

    [SkippableFact]
    public async Task DeployRunsTheAppHostToReadyWithoutRestarts_ASecondDeployChangesNothing_DestroyKeepsOnlyTheData()
    {
        await using var target = await DeployTarget.CreateAsync("apphost");
        using var output = new TempFolder();

        var first = await DeployAsync(target, output.Path, "deploy");

        await target.AssertReadyWithoutRestartsAsync(first);
        Assert.Contains($"Deploying to {target.Api.Server} (Kubernetes v1.20.2), namespace '{target.Namespace}'.", first.StandardOutput);
        Assert.Contains("PodDisruptionBudget/airflow-worker: v1.20.2 does not serve policy/v1; applied as policy/v1beta1.", first.StandardOutput);
        Assert.Contains("Waiting for StatefulSet/postgres: 1/1 ready", first.StandardOutput);
        Assert.Contains("Waiting for Deployment/redis: 1/1 available", first.StandardOutput);
        foreach (var workload in AirflowWorkloads)
        {
            Assert.Matches($@"Waiting for {workload}: (\d+/\d+ (ready|available)|completed)", first.StandardOutput);
        }

        Assert.Contains($"kubectl -n {target.Namespace} port-forward service/airflow-api-server 8080:8080", first.StandardOutput);
        Assert.DoesNotContain(DeployedPostgres.SecretValue(output.Path, "postgres-password"), first.StandardOutput + first.StandardError);
        await DeployedPostgres.AssertAcceptsAsync((await target.Client.CoreV1.ReadNamespacedServiceAsync("postgres", target.Namespace)).Spec.ClusterIP, output.Path);

        var before = await target.RecordedVersionsAsync();
        var second = await DeployAsync(target, output.Path, "deploy");
        var after = await target.RecordedVersionsAsync();

        Assert.Contains($"Applied {before.Count} objects: 0 created, 0 changed, {before.Count} unchanged.", second.StandardOutput);
        Assert.Equal(before, after);

        var destroyed = await DeployAsync(target, output.Path, "destroy");

        Assert.True(destroyed.ExitCode == 0, destroyed.StandardOutput + destroyed.StandardError);
        Assert.Empty(await OwnedObjectsAsync(target));
        var claims = await target.Client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(target.Namespace);
        Assert.Equal(["postgresql-postgres-0"], claims.Items.Select(c => c.Metadata.Name));

        var purged = await DeployAsync(target, output.Path, "destroy", "--delete-data", "--yes");

        Assert.True(purged.ExitCode == 0, purged.StandardOutput + purged.StandardError);
        Assert.False(await target.NamespaceExistsAsync(), "Deploy created the namespace, so destroy --delete-data deletes it.");
    }

    private static Task<ProcessResult> DeployAsync(DeployTarget target, string output, string step, params string[] more) =>
        AppHostProcess.RunAsync(AppHostProcess.DefaultAppHost, output, ProcessTimeout,
            ["--operation", "publish", "--step", step, "--output-path", output, .. target.Switches(TimeSpan.FromMinutes(6)), .. more]);

    /// <summary>Objects deploy labels as its own that are still in the namespace, claims aside.</summary>
    private static async Task<IReadOnlyList<string>> OwnedObjectsAsync(DeployTarget target)
    {
        const string selector = "app.kubernetes.io/managed-by=airflowaspire";
        var ns = target.Namespace;
        var client = target.Client;
        var names = new List<string>();
        names.AddRange((await client.AppsV1.ListNamespacedDeploymentAsync(ns, labelSelector: selector)).Items.Select(o => $"Deployment/{o.Metadata.Name}"));
        names.AddRange((await client.AppsV1.ListNamespacedStatefulSetAsync(ns, labelSelector: selector)).Items.Select(o => $"StatefulSet/{o.Metadata.Name}"));
        names.AddRange((await client.BatchV1.ListNamespacedJobAsync(ns, labelSelector: selector)).Items.Select(o => $"Job/{o.Metadata.Name}"));
        names.AddRange((await client.CoreV1.ListNamespacedServiceAsync(ns, labelSelector: selector)).Items.Select(o => $"Service/{o.Metadata.Name}"));
        names.AddRange((await client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: selector)).Items.Select(o => $"ConfigMap/{o.Metadata.Name}"));
        names.AddRange((await client.CoreV1.ListNamespacedSecretAsync(ns, labelSelector: selector)).Items.Select(o => $"Secret/{o.Metadata.Name}"));
        names.AddRange((await client.CoreV1.ListNamespacedPodAsync(ns)).Items.Select(o => $"Pod/{o.Metadata.Name}"));
        return names;
    }
}

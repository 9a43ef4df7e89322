using k8s;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.ClusterTests.Deploy;

/// <summary>Deploys of small models built in the test, run through Aspire's pipeline against the real 1.20 test cluster.</summary>
[Collection(ModelDeployCollection.Name)]
public sealed class ModelDeployTests
{
    [SkippableFact]
    public async Task RemovingAComponentAndDeployingAgainDeletesItsObjectsAndChangesNothingElse()
    {
        await using var target = await DeployTarget.CreateAsync("prune");
        using var output = new TempFolder();

        Assert.Null(await ModelDeploy.RunAsync("deploy-k8s", output.Path, target.Switches(TimeSpan.FromMinutes(5)), builder => Celery(builder).WithFlower()));
        var before = await target.RecordedVersionsAsync();
        Assert.Null(await ModelDeploy.RunAsync("deploy-k8s", output.Path, target.Switches(TimeSpan.FromMinutes(5)), builder => Celery(builder)));
        var after = await target.RecordedVersionsAsync();

        Assert.Null(await target.GetAsync("apps/v1", "Deployment", "airflow-flower"));
        Assert.Null(await target.GetAsync("v1", "Service", "airflow-flower"));
        Assert.DoesNotContain(after.Keys, k => k.Contains("airflow-flower", StringComparison.Ordinal));
        var kept = before.Where(b => !b.Key.Contains("airflow-flower", StringComparison.Ordinal)).ToDictionary();
        Assert.Equal(kept, after);
    }

    [SkippableFact]
    public async Task AnObjectDeployDidNotMakeIsNeverPruned()
    {
        await using var target = await DeployTarget.CreateAsync("foreign");
        using var output = new TempFolder();
        Assert.Null(await ModelDeploy.RunAsync("deploy-k8s", output.Path, target.Switches(TimeSpan.FromMinutes(2)), builder => builder.AddRedis("redis")));
        var foreign = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "team-settings", NamespaceProperty = target.Namespace }, Data = new Dictionary<string, string> { ["a"] = "b" } };
        await target.Client.CoreV1.CreateNamespacedConfigMapAsync(foreign, target.Namespace);

        Assert.Null(await ModelDeploy.RunAsync("deploy-k8s", output.Path, target.Switches(TimeSpan.FromMinutes(2)), builder => builder.AddPostgres("postgres")));

        Assert.NotNull(await target.GetAsync("v1", "ConfigMap", "team-settings"));
        Assert.Null(await target.GetAsync("apps/v1", "Deployment", "redis"));
    }

    [SkippableFact]
    public async Task AKindTheClusterLacksStopsTheDeployBeforeAnythingIsApplied()
    {
        await using var target = await DeployTarget.CreateAsync("keda");
        using var output = new TempFolder();

        var failure = await ModelDeploy.RunAsync("deploy-k8s", output.Path, target.Switches(), builder => Celery(builder).WithKedaAutoscaling(0, 3));

        Assert.NotNull(failure);
        Assert.Contains("ScaledObject/airflow-worker needs ScaledObject (keda.sh/v1alpha1): install KEDA", failure);
        Assert.False(await target.NamespaceExistsAsync(), "Nothing, not even the namespace, may be applied.");
    }

    [SkippableFact]
    public async Task APodThatKeepsCrashingIsReportedWithItsLastLogLinesAndOneNoNodeCanHoldWithTheSchedulersMessage()
    {
        await using var target = await DeployTarget.CreateAsync("failing");
        using var output = new TempFolder();

        var failure = await ModelDeploy.RunAsync("deploy-k8s", output.Path, target.Switches(TimeSpan.FromMinutes(3)), builder =>
        {
            builder.AddContainer("crasher", "airflowaspire-test/debian", "bookworm")
                .WithEntrypoint("sh").WithArgs("-c", "echo 'config file /etc/app.conf is missing'; exit 3");
            builder.AddContainer("giant", "airflowaspire-test/debian", "bookworm")
                .WithEntrypoint("sleep").WithArgs("infinity").WithComputeResources("16", "1Gi", null, "1Gi");
        });

        Assert.NotNull(failure);
        Assert.Matches(@"Deployment/crasher: pod crasher-\S+: container 'crasher' keeps crashing \(restarted \d+ times, last exit code 3\)", failure);
        Assert.Contains("config file /etc/app.conf is missing", failure);
        Assert.Contains("Deployment/giant asks for 16 CPU and 1 GiB per pod, more than any node of the cluster can allocate", failure);
        Assert.Matches(@"Deployment/giant: pod giant-\S+ cannot be scheduled: 0/1 nodes are available: 1 Insufficient cpu", failure);
    }

    [SkippableFact]
    public async Task EachPodWhoseImageCannotBePulledIsReportedByNameWithTheImage()
    {
        await using var target = await DeployTarget.CreateAsync("unpulled");
        using var output = new TempFolder();
        const string missing = "airflowaspire-test/airflow-never-built:3.2.2";

        var failure = await ModelDeploy.RunAsync("deploy-k8s", output.Path, target.Switches(TimeSpan.FromMinutes(3)),
            builder => Celery(builder).WithImage("airflowaspire-test/airflow-never-built", "3.2.2"));

        Assert.NotNull(failure);
        foreach (var workload in new[] { "Job/airflow-init", "Deployment/airflow-scheduler", "StatefulSet/airflow-worker" })
        {
            Assert.Matches($@"{workload}: pod {workload.Split('/')[1]}-\S+: the image (\S+/)?{System.Text.RegularExpressions.Regex.Escape(missing)} of container '[a-z-]+' cannot be pulled", failure);
        }
    }

    [SkippableFact]
    public async Task NoKubeconfigAnUnreachableServerAndAnUnknownContextEachSayWhatToFix()
    {
        using var output = new TempFolder();
        var missing = Path.Combine(output.Path, "no-such-kubeconfig");
        var unreachable = Path.Combine(output.Path, "unreachable-kubeconfig");
        await File.WriteAllTextAsync(unreachable, """
            apiVersion: v1
            kind: Config
            clusters: [{name: gone, cluster: {server: "https://127.0.0.1:9"}}]
            users: [{name: someone, user: {token: not-a-secret}}]
            contexts: [{name: gone, context: {cluster: gone, user: someone}}]
            current-context: gone
            """);

        var noKubeconfig = await ModelDeploy.RunAsync("deploy-k8s", output.Path, ["--kubeconfig", missing], builder => builder.AddRedis("redis"));
        var noServer = await ModelDeploy.RunAsync("deploy-k8s", output.Path, ["--kubeconfig", unreachable], builder => builder.AddRedis("redis"));
        var noContext = await ModelDeploy.RunAsync("deploy-k8s", output.Path, ["--kubeconfig", unreachable, "--kube-context", "prod"], builder => builder.AddRedis("redis"));

        Assert.Contains($"No kubeconfig to deploy with: {missing} does not exist. Point KUBECONFIG at your cluster's kubeconfig", noKubeconfig);
        Assert.Contains("Cannot reach the Kubernetes API server at https://127.0.0.1:9", noServer);
        Assert.Contains("has no context 'prod'; it has 'gone'", noContext);
    }

    [SkippableFact]
    public async Task AUserRbacForbidsIsToldWhatTheyMayNotDoAndNothingIsApplied()
    {
        await using var target = await DeployTarget.CreateAsync("rbac");
        using var output = new TempFolder();
        await using var user = await LimitedUser.CreateAsync(target, output.Path);
        var kubeconfig = user.Kubeconfig;

        var failure = await ModelDeploy.RunAsync("deploy-k8s", output.Path,
            ["--kubeconfig", kubeconfig, "--namespace", target.Namespace], builder => builder.AddRedis("redis"));

        Assert.NotNull(failure);
        Assert.Contains("forbids this deploy, so nothing was applied. You may not: ", failure);
        Assert.Contains($"create secrets in namespace '{target.Namespace}'", failure);
        Assert.Contains($"create deployments in namespace '{target.Namespace}'", failure);
        Assert.Contains($"create configmaps in namespace '{target.Namespace}'", failure);
        Assert.Empty((await target.Client.AppsV1.ListNamespacedDeploymentAsync(target.Namespace)).Items);
        Assert.Null(await target.GetAsync("v1", "ConfigMap", "airflowaspire-inventory"));

        var elsewhere = await ModelDeploy.RunAsync("deploy-k8s", output.Path,
            ["--kubeconfig", kubeconfig, "--namespace", target.Namespace + "-new"], builder => builder.AddRedis("redis"));

        Assert.Contains($"You may not: create the namespace '{target.Namespace}-new'", elsewhere);
        Assert.Contains("does not exist: ask an administrator to create it, or deploy into one you may use with --namespace", elsewhere);
    }

    [SkippableFact]
    public async Task AStandalonePodStartsInOrderOnKubernetes120_AStandInForAirflowSeesTheMigrationFirstAndTheAdminPasswordAsGiven()
    {
        await using var target = await DeployTarget.CreateAsync("standin");
        using var output = new TempFolder();
        const string password = "p a'ss\"$x`y\\z!*;&|<>#~%^=,@$(X)$$";

        // The STAND-IN image (tests/images/airflow-standin) is not Airflow: it records the migration and the user in
        // the pod's Postgres and waits for that record, which shows the order the pod runs them in, not Airflow's behaviour.
        var failure = await ModelDeploy.RunAsync(
            "deploy-k8s", output.Path, [.. target.Switches(TimeSpan.FromMinutes(4)), "--Parameters:airflow-admin-password", password], builder =>
            {
                var db = builder.AddPostgres("postgres").AddDatabase("airflow-db", "airflow");
                builder.AddAirflow("airflow").WithImage("airflowaspire-test/airflow-standin", "latest")
                    .WithDatabase(db).WithLocalExecutor().PublishAsStandalonePod();
            });

        Assert.True(failure is null, failure);
        var pod = await target.Client.CoreV1.ReadNamespacedPodAsync("airflow-0", target.Namespace);
        Assert.All(pod.Status.ContainerStatuses, c => Assert.True(c.Ready && c.RestartCount == 0, $"{c.Name}: ready {c.Ready}, restarted {c.RestartCount} times"));

        var api = await target.LogAsync("airflow-0", "api-server");
        Assert.True(
            Before(api, "db migrate: recorded", "users create: admin") && Before(api, "users create: admin", "api-server running"),
            $"The API server's container must migrate, then create the user, then start:\n{api}");
        foreach (var component in new[] { "scheduler", "dag-processor" })
        {
            var log = await target.LogAsync("airflow-0", component);
            Assert.True(Before(log, "db check-migrations: the migration has run", $"{component} running"), $"{component} must wait for the migration:\n{log}");
        }

        await using var db = await DeployedPostgres.OpenAsync(pod.Status.PodIP, DeployedPostgres.SecretValue(output.Path, "postgres-password"));
        await using var query = new Npgsql.NpgsqlCommand("select password from standin_users where username = 'admin'", db);
        Assert.Equal(password, await query.ExecuteScalarAsync());
    }

    private static bool Before(string text, string first, string then) =>
        text.IndexOf(first, StringComparison.Ordinal) is >= 0 and var at && text.IndexOf(then, at, StringComparison.Ordinal) > at;

    private static IResourceBuilder<AirflowResource> Celery(IDistributedApplicationBuilder builder)
    {
        var db = builder.AddPostgres("postgres").AddDatabase("airflow-db", "airflow");
        return builder.AddAirflow("airflow").WithDatabase(db).WithCeleryExecutor(builder.AddRedis("redis"));
    }
}

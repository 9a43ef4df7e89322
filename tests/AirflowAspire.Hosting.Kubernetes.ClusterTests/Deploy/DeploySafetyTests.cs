using k8s;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.ClusterTests.Deploy;

/// <summary>
/// Deploy and destroy touch only what this deployment made, against the real 1.20 test cluster: objects of the
/// model's names made by someone else, fields someone else set, an edited inventory, and data, which goes only when
/// asked for with a switch that means it, and confirmed.
/// </summary>
[Collection(ModelDeployCollection.Name)]
public sealed class DeploySafetyTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(2);

    [SkippableFact]
    public async Task AForeignServiceAndConfigMapOfTheModelsNamesAreRefusedAndLeftAsTheyWere_AdoptTakesThemOver()
    {
        await using var target = await DeployTarget.CreateAsync("adopt");
        using var output = new TempFolder();
        var ns = target.Namespace;
        await target.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var service = await target.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "redis", Labels = new Dictionary<string, string> { ["team"] = "data" } },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "team-redis" }, Ports = [new V1ServicePort { Port = 6379 }] },
        }, ns);
        // Another AppHost's record, deployed to the namespace without a name prefix.
        var record = await target.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta
            {
                Name = "airflowaspire-inventory",
                Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "airflowaspire", ["app.kubernetes.io/instance"] = "other-apphost" },
            },
            Data = new Dictionary<string, string> { ["objects"] = $"apps/v1 Deployment {ns} other-web\n" },
        }, ns);

        var refused = await ModelDeploy.RunAsync("deploy-k8s", output.Path, target.Switches(Wait), builder => builder.AddRedis("redis"));

        Assert.NotNull(refused);
        Assert.Contains($"Namespace '{ns}' on {target.Api.Server} already holds Service/redis, ConfigMap/airflowaspire-inventory, which this deployment did not make", refused);
        Assert.Contains("Deploy with another --name-prefix or --namespace, or, if they are to become this deployment's, deploy with --adopt.", refused);
        Assert.Equal(service.Metadata.ResourceVersion, (await target.Client.CoreV1.ReadNamespacedServiceAsync("redis", ns)).Metadata.ResourceVersion);
        Assert.Equal(record.Metadata.ResourceVersion, (await target.Client.CoreV1.ReadNamespacedConfigMapAsync("airflowaspire-inventory", ns)).Metadata.ResourceVersion);
        Assert.Null(await target.GetAsync("apps/v1", "Deployment", "redis"));

        var adopted = await ModelDeploy.RunAsync("deploy-k8s", output.Path, [.. target.Switches(Wait), "--adopt"], builder => builder.AddRedis("redis"));

        Assert.True(adopted is null, adopted);
        var taken = await target.Client.CoreV1.ReadNamespacedServiceAsync("redis", ns);
        Assert.Equal("airflowaspire", taken.Metadata.Labels["app.kubernetes.io/managed-by"]);
        Assert.Equal("redis", taken.Spec.Selector["app.kubernetes.io/name"]);
        Assert.NotNull(await target.GetAsync("apps/v1", "Deployment", "redis"));
    }

    [SkippableFact]
    public async Task ARedeployAfterAModelChangeAppliesWithoutForce_AFieldSomeoneElseChangedIsReportedAndKept()
    {
        await using var target = await DeployTarget.CreateAsync("conflict");
        using var output = new TempFolder();
        Assert.Null(await ModelDeploy.RunAsync("deploy-k8s", output.Path, target.Switches(Wait), builder => builder.AddRedis("redis")));

        var changed = await ModelDeploy.RunAsync("deploy-k8s", output.Path, target.Switches(Wait),
            builder => builder.AddRedis("redis").WithEnvironment("TEAM_SETTING", "2"));
        Assert.True(changed is null, changed);

        var patch = new V1Patch("""{"spec":{"replicas":2}}""", V1Patch.PatchType.MergePatch);
        await target.Client.AppsV1.PatchNamespacedDeploymentAsync(patch, "redis", target.Namespace, fieldManager: "team-scaler");
        var conflicted = await ModelDeploy.RunAsync("deploy-k8s", output.Path, target.Switches(Wait),
            builder => builder.AddRedis("redis").WithEnvironment("TEAM_SETTING", "3"));

        Assert.NotNull(conflicted);
        Assert.True(
            conflicted.Contains("Deployment/redis: another field manager set .spec.replicas (set by team-scaler) to other values than deploy applies.", StringComparison.Ordinal)
            && conflicted.Contains("or deploy with --adopt to take these fields over", StringComparison.Ordinal),
            conflicted);
        Assert.Equal(2, (await target.Client.AppsV1.ReadNamespacedDeploymentAsync("redis", target.Namespace)).Spec.Replicas);
    }

    [SkippableFact]
    public async Task DestroyLeavesAloneWhatAnEditedInventoryNamesElsewhereOrWithoutTheLabels_AndSaysSo()
    {
        await using var target = await DeployTarget.CreateAsync("tamper");
        await using var victim = await DeployTarget.CreateAsync("victim");
        using var output = new TempFolder();
        var ns = target.Namespace;
        Assert.Null(await ModelDeploy.RunAsync("deploy-k8s", output.Path, target.Switches(Wait), builder => builder.AddRedis("redis")));
        await target.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = victim.Namespace } });
        await target.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "victim-settings" } }, victim.Namespace);
        await target.Client.AppsV1.CreateNamespacedDeploymentAsync(Idle("victim-web"), victim.Namespace);
        await target.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "team-settings" } }, ns);
        var record = await target.Client.CoreV1.ReadNamespacedConfigMapAsync("airflowaspire-inventory", ns);
        string[] planted = [$"apps/v1 Deployment {victim.Namespace} victim-web", $"v1 ConfigMap {victim.Namespace} victim-settings", $"v1 ConfigMap {ns} team-settings"];
        record.Data["objects"] += string.Concat(planted.Select(line => line + "\n"));
        await target.Client.CoreV1.ReplaceNamespacedConfigMapAsync(record, "airflowaspire-inventory", ns);

        var (failure, warnings) = await ModelDeploy.RunWithWarningsAsync("destroy-k8s", output.Path, target.Switches(Wait), builder => builder.AddRedis("redis"));

        Assert.True(failure is null, failure);
        Assert.NotNull(await victim.GetAsync("apps/v1", "Deployment", "victim-web"));
        Assert.NotNull(await victim.GetAsync("v1", "ConfigMap", "victim-settings"));
        Assert.NotNull(await target.GetAsync("v1", "ConfigMap", "team-settings"));
        Assert.Null(await target.GetAsync("apps/v1", "Deployment", "redis"));
        var printed = string.Join(Environment.NewLine, warnings);
        Assert.Contains("The inventory ConfigMap/airflowaspire-inventory lists 2 line(s) naming no object this deployment can have made, so nothing they name was touched", printed);
        Assert.Contains($"'{planted[0]}' (in namespace '{victim.Namespace}', not '{ns}')", printed);
        Assert.Contains($"'{planted[1]}' (in namespace '{victim.Namespace}', not '{ns}')", printed);
        Assert.Contains($"Kept ConfigMap/team-settings: the inventory lists it, but it lacks the labels app.kubernetes.io/managed-by=airflowaspire and app.kubernetes.io/instance=", printed);
    }

    [SkippableFact]
    public async Task DeleteDataWithoutYesInARunNoOneCanAnswerDeletesNothing_DeleteDataNoKeepsTheClaims_WithYesTheyGo()
    {
        await using var target = await DeployTarget.CreateAsync("data");
        using var output = new TempFolder();
        Assert.Null(await ModelDeploy.RunAsync("deploy-k8s", output.Path, target.Switches(Wait), builder => builder.AddPostgres("postgres").WithDataVolume()));
        var claims = await ClaimsAsync(target);
        Assert.NotEmpty(claims);

        var unconfirmed = await ModelDeploy.RunAsync("destroy-k8s", output.Path, [.. target.Switches(Wait), "--delete-data", "true"], builder => builder.AddPostgres("postgres").WithDataVolume());

        Assert.NotNull(unconfirmed);
        Assert.Contains($"destroy --delete-data deletes the PersistentVolumeClaims (the data) in namespace '{target.Namespace}'", unconfirmed);
        Assert.Contains("so nothing was deleted. Add --yes to delete the data without asking, or leave out --delete-data to keep it.", unconfirmed);
        Assert.NotNull(await target.GetAsync("apps/v1", "StatefulSet", "postgres"));
        Assert.Equal(claims, await ClaimsAsync(target));

        var keeping = await ModelDeploy.RunAsync("destroy-k8s", output.Path, [.. target.Switches(Wait), "--delete-data", "no"], builder => builder.AddPostgres("postgres").WithDataVolume());

        Assert.True(keeping is null, keeping);
        Assert.Null(await target.GetAsync("apps/v1", "StatefulSet", "postgres"));
        Assert.Equal(claims, await ClaimsAsync(target));

        var purged = await ModelDeploy.RunAsync("destroy-k8s", output.Path,
            [.. target.Switches(Wait), "--delete-data", "true", "--Pipeline:SkipConfirmation", "true"], builder => builder.AddPostgres("postgres").WithDataVolume());

        Assert.True(purged is null, purged);
        Assert.False(await target.NamespaceExistsAsync(), "Deploy created the namespace, so a confirmed destroy --delete-data deletes it.");
    }

    private static async Task<IReadOnlyList<string>> ClaimsAsync(DeployTarget target) =>
        (await target.Client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(target.Namespace)).Items.Select(c => c.Metadata.Name).Order().ToList();

    /// <summary>A Deployment of no pods: something to delete, nothing to run.</summary>
    private static V1Deployment Idle(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Replicas = 0,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "idle", Image = "airflowaspire-test/debian:bookworm" }] },
            },
        },
    };
}

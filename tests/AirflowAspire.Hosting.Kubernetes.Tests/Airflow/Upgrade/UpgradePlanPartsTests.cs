using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Airflow;
using AirflowAspire.Hosting.Kubernetes.Airflow;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Airflow.Upgrade;

/// <summary>What an upgrade plan decides from the two releases and the published tree, before it asks any cluster.</summary>
public sealed class UpgradePlanPartsTests
{
    [Theory]
    [InlineData("3.1.0", "3.2.2", true, "takes the database forward from 3.1.0 to 3.2.2")]
    [InlineData("2.11.0", "3.2.2", true, "the path Airflow's upgrade guide describes")]
    [InlineData("2.10.5", "3.2.2", true, "recommends the latest 2.x, 2.11.0, first")]
    [InlineData("3.2.2", "3.1.0", false, "is a downgrade")]
    [InlineData("3.2.2", "3.2.2", true, "no version change")]
    public void TheUpgradePathFollowsAirflowsGuide(string deployed, string model, bool supported, string says)
    {
        var verdict = AirflowUpgradePath.Of(AirflowVersion.Parse(deployed, "airflow"), AirflowVersion.Parse(model, "airflow"));

        Assert.Equal(supported, verdict.Supported);
        Assert.Equal(deployed != model, verdict.ChangesVersion);
        Assert.Contains(says, verdict.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOptionAirflow3MovedIsNamedWithTheNameTheDeployedAirflow2Reads()
    {
        var from = AirflowVersion.Parse("2.11.0", "airflow");
        var to = AirflowVersion.Parse("3.2.2", "airflow");

        Assert.Equal(
            "[api] secret_key: Airflow 3 moved it from [webserver] secret_key, the name Airflow 2.11.0 reads.",
            AirflowConfigCatalog.ChangeBetween("api", "secret_key", from, to));
        Assert.Contains("Airflow 2.11.0 has no such option", AirflowConfigCatalog.ChangeBetween("api_auth", "jwt_expiration_time", from, to), StringComparison.Ordinal);
        Assert.Null(AirflowConfigCatalog.ChangeBetween("core", "parallelism", from, to));
        Assert.Null(AirflowConfigCatalog.ChangeBetween("core", "parallelism", AirflowVersion.Parse("3.1.0", "airflow"), to));
    }

    [SkippableFact]
    public async Task ThePreviewRunsOnlyTheMigrationContainerOnceWithShowSqlOnlyAndTheMigrationsEnvironment()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithRedisCelery();
        using var cluster = await test.PublishAsync();
        var migration = cluster.Get<V1Job>("airflow-init");

        var preview = k8s.KubernetesJson.Deserialize<V1Job>(
            MigrationSqlPreview.PreviewJob(JsonNode.Parse(k8s.KubernetesJson.Serialize(migration))!.AsObject()).ToJsonString());

        Assert.Equal("airflow-init-sql-preview", preview.Metadata.Name);
        Assert.Equal(0, preview.Spec.BackoffLimit);
        var pod = preview.Spec.Template.Spec;
        Assert.Equal("Never", pod.RestartPolicy);
        Assert.Null(pod.InitContainers);
        var migrate = migration.Spec.Template.Spec.InitContainers.Single(c => c.Name == "migrate");
        var container = Assert.Single(pod.Containers);
        Assert.Equal(["db", "migrate", "--show-sql-only"], container.Args);
        Assert.Equal(migrate.Image, container.Image);
        Assert.Equal(k8s.KubernetesJson.Serialize(migrate.Env), k8s.KubernetesJson.Serialize(container.Env));
        Assert.Equal(k8s.KubernetesJson.Serialize(migration.Spec.Template.Spec.SecurityContext), k8s.KubernetesJson.Serialize(pod.SecurityContext));

        // Its pods are not the migration's: nothing that looks for those finds it.
        Assert.Equal("airflow-init-sql-preview", preview.Spec.Template.Metadata.Labels["app.kubernetes.io/name"]);
    }

    [SkippableFact]
    public async Task EveryAirflowObjectCarriesTheReleaseItWasRenderedFor()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase("3.1.0", postgresVolume: true).WithRedisCelery();
        using var cluster = await test.PublishAsync();

        Assert.Equal("3.1.0", cluster.Get<V1Deployment>("airflow-scheduler").Metadata.Annotations[AirflowUpgradeNotes.VersionLabel]);
        Assert.Equal("3.1.0", cluster.Get<V1Job>("airflow-init").Metadata.Annotations[AirflowUpgradeNotes.VersionLabel]);
    }
}

using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Kubernetes.Airflow;
using k8s.Models;
using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Airflow.Upgrade;

/// <summary>The database snapshot deploy takes before a version change: its Job, its claim, its record, its switches.</summary>
public sealed class SnapshotTests
{
    private static readonly DeployTarget Target = new("airflow", "team-", "team-apphost", new Dictionary<string, string>
    {
        ["app.kubernetes.io/managed-by"] = "airflowaspire",
        ["app.kubernetes.io/instance"] = "team-apphost",
    });

    [SkippableFact]
    public async Task TheDumpRunsThePostgresImageAsItsPodDoesAndReachesTheDatabaseAsTheMigrationDoesWithNoSecretInItsArguments()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithRedisCelery();
        using var cluster = await test.PublishAsync();
        var server = cluster.Get<V1StatefulSet>("postgres");
        var migration = cluster.Get<V1Job>("airflow-init");

        var job = k8s.KubernetesJson.Deserialize<V1Job>(SnapshotJob.Build(
            "team-airflow-snapshot", "team-airflow-snapshots", "20261205T080000Z-airflow-3.1.0-to-3.2.2.dump", 3,
            Json(migration), Json(server), Target).ToJsonString());

        var pod = job.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);
        Assert.Equal(server.Spec.Template.Spec.Containers[0].Image, container.Image);
        Assert.Equal(k8s.KubernetesJson.Serialize(server.Spec.Template.Spec.SecurityContext), k8s.KubernetesJson.Serialize(pod.SecurityContext));
        Assert.Equal("Never", pod.RestartPolicy);
        Assert.Equal(0, job.Spec.BackoffLimit);
        Assert.Equal("team-airflow-snapshots", Assert.Single(pod.Volumes).PersistentVolumeClaim.ClaimName);

        var password = container.Env.Single(e => e.Name == "PGPASSWORD").ValueFrom.SecretKeyRef;
        var migrationPassword = migration.Spec.Template.Spec.InitContainers.Single(c => c.Name == "migrate").Env.Single(e => e.Name == "AIRFLOWASPIRE_DATABASE_PASSWORD").ValueFrom.SecretKeyRef;
        Assert.Equal((migrationPassword.Name, migrationPassword.Key), (password.Name, password.Key));
        Assert.Equal("postgres", container.Env.Single(e => e.Name == "PGUSER").Value);
        Assert.Equal("postgres:5432/airflow", container.Env.Single(e => e.Name == "DATABASE_ADDRESS").Value);
        Assert.Contains("pg_dump --format=custom", container.Command[2], StringComparison.Ordinal);
        Assert.DoesNotContain("PASSWORD", string.Join(" ", container.Command), StringComparison.Ordinal);
        Assert.Equal("team-apphost", job.Metadata.Labels["app.kubernetes.io/instance"]);
    }

    [SkippableFact]
    public async Task TheClaimIsAsLargeAsThePostgresDataClaimAndCarriesTheDeploymentsLabels()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithRedisCelery();
        using var cluster = await test.PublishAsync();
        var server = cluster.Get<V1StatefulSet>("postgres");

        var claim = k8s.KubernetesJson.Deserialize<V1PersistentVolumeClaim>(SnapshotClaim.Build("team-airflow-snapshots", Json(server), Target).ToJsonString());

        Assert.Equal(server.Spec.VolumeClaimTemplates[0].Spec.Resources.Requests["storage"], claim.Spec.Resources.Requests["storage"]);
        Assert.Equal("airflowaspire", claim.Metadata.Labels["app.kubernetes.io/managed-by"]);
        Assert.Equal("team-apphost", claim.Metadata.Labels["app.kubernetes.io/instance"]);
    }

    [Fact]
    public void TheInventoryKeepsTheNewestSnapshotsOfEachAirflowAndReadsThemBack()
    {
        var at = new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);
        var snapshots = Enumerable.Range(0, 4)
            .Select(i => new DatabaseSnapshot("airflow", "airflow-snapshots", $"/snapshots/{i}.dump", $"3.{i}.0", $"3.{i + 1}.0", at.AddDays(i)))
            .Append(new DatabaseSnapshot("other", "other-snapshots", "/snapshots/o.dump", "2.11.0", "3.0.0", at))
            .ToList();

        var kept = DatabaseSnapshot.Newest(snapshots, 3);
        var text = (string?)new DeployInventory([]) { Snapshots = kept }.ToConfigMap("airflow", string.Empty, new Dictionary<string, string>())["data"]?["snapshots"];

        Assert.Equal(["/snapshots/o.dump", "/snapshots/1.dump", "/snapshots/2.dump", "/snapshots/3.dump"], kept.Select(s => s.File));
        Assert.Equal(kept, DatabaseSnapshot.ParseAll(text!));
        Assert.Empty(DatabaseSnapshot.ParseAll("edited by hand\nairflow claim file 3.1.0 3.2.2 not-a-time\n"));
    }

    [Theory]
    [InlineData(null, false, 3)]
    [InlineData("--no-snapshot", true, 3)]
    [InlineData("--keep-snapshots=5", false, 5)]
    public void TheSnapshotSwitches(string? given, bool noSnapshot, int keep)
    {
        var switches = DeploySwitches.Read(new ConfigurationBuilder().Build(), given is null ? [] : [given], new KustomizeEnvironmentResource("k8s"));

        Assert.Equal((noSnapshot, keep), (switches.NoSnapshot, switches.KeepSnapshots));
    }

    [Fact]
    public void AKeepThatIsNoCountNamesTheSwitch()
    {
        var error = Assert.Throws<DistributedApplicationException>(() =>
            DeploySwitches.Read(new ConfigurationBuilder().Build(), ["--keep-snapshots", "all"], new KustomizeEnvironmentResource("k8s")));

        Assert.Contains("--keep-snapshots 'all' is not a count from 1 to 100", error.Message);
    }

    private static JsonObject Json(object item) => JsonNode.Parse(k8s.KubernetesJson.Serialize(item))!.AsObject();
}

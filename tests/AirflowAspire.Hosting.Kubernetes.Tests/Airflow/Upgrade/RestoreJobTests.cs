using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Kubernetes.Airflow;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Airflow.Upgrade;

/// <summary>The Job a rollback restores the database with: as the snapshot's, with pg_restore into a database made anew.</summary>
public sealed class RestoreJobTests
{
    private static readonly DeployTarget Target = new("airflow", "team-", "team-apphost", new Dictionary<string, string>
    {
        ["app.kubernetes.io/managed-by"] = "airflowaspire",
        ["app.kubernetes.io/instance"] = "team-apphost",
    });

    [SkippableFact]
    public async Task TheRestoreRunsThePostgresImageAsItsPodDoesRecreatesTheDatabaseAndHasNoSecretInItsArguments()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithRedisCelery();
        using var cluster = await test.PublishAsync();
        var server = cluster.Get<V1StatefulSet>("postgres");
        var migration = cluster.Get<V1Job>("airflow-init");
        var snapshot = new DatabaseSnapshot("airflow", "team-airflow-snapshots", "/snapshots/x.dump", "3.1.0", "3.2.2", DateTimeOffset.UnixEpoch);

        var job = k8s.KubernetesJson.Deserialize<V1Job>(RestoreJob.Build("team-airflow-restore", snapshot, Json(migration), Json(server), Target).ToJsonString());

        var pod = job.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);
        Assert.Equal(RestoreJob.Container, container.Name);
        Assert.Equal(server.Spec.Template.Spec.Containers[0].Image, container.Image);
        Assert.Equal(k8s.KubernetesJson.Serialize(server.Spec.Template.Spec.SecurityContext), k8s.KubernetesJson.Serialize(pod.SecurityContext));
        Assert.Equal("team-airflow-snapshots", Assert.Single(pod.Volumes).PersistentVolumeClaim.ClaimName);
        Assert.Equal("/snapshots/x.dump", container.Env.Single(e => e.Name == "SNAPSHOT_FILE").Value);
        Assert.NotNull(container.Env.Single(e => e.Name == "PGPASSWORD").ValueFrom.SecretKeyRef);
        var script = container.Command[2];
        Assert.Contains("DROP DATABASE IF EXISTS :\"database\" WITH (FORCE);", script, StringComparison.Ordinal);
        Assert.Contains("--dbname=postgres", script, StringComparison.Ordinal);
        Assert.True(
            script.IndexOf("pg_restore --list", StringComparison.Ordinal) < script.IndexOf("DROP DATABASE", StringComparison.Ordinal),
            "The dump must be read before the database is dropped.");
        Assert.Contains("pg_restore --exit-on-error", script, StringComparison.Ordinal);
        Assert.DoesNotContain("PASSWORD", string.Join(" ", container.Command), StringComparison.Ordinal);
        Assert.Equal("team-apphost", job.Metadata.Labels["app.kubernetes.io/instance"]);
    }

    private static JsonObject Json(object item) => JsonNode.Parse(k8s.KubernetesJson.Serialize(item))!.AsObject();
}

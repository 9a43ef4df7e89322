using k8s.Models;
using static AirflowAspire.Hosting.Kubernetes.Tests.Airflow.AirflowObjects;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Airflow;

/// <summary>DAGs in the cluster: baked into the image, synced from git, or on a volume; and the errors of a bad choice.</summary>
public sealed class DagDeliveryTests
{
    [SkippableFact]
    public async Task GitSyncRunsBesideEveryPodThatReadsDags()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithRedisCelery().WithTriggerer()
            .WithDagDelivery(AirflowDagDelivery.GitSync("https://github.com/org/dags.git", branch: "release", subPath: "pipelines/", periodSeconds: 30));
        using var cluster = await test.PublishAsync();

        var readers = new (string Kind, string Name, string Container)[]
        {
            ("Deployment", "airflow-scheduler", "scheduler"),
            ("Deployment", "airflow-dag-processor", "dag-processor"),
            ("StatefulSet", "airflow-triggerer", "triggerer"),
            ("StatefulSet", "airflow-worker", "worker"),
        };
        foreach (var (kind, name, containerName) in readers)
        {
            var pod = Pod(cluster.Objects.Single(o => o.Kind == kind && PublishedCluster.Name(o) == name));
            var sidecar = Container(pod, "git-sync");
            var init = Container(pod, "git-sync-init");
            Assert.Contains(init, pod.InitContainers);
            Assert.Contains(sidecar, pod.Containers);
            Assert.StartsWith("registry.k8s.io/git-sync/git-sync:v4.", sidecar.Image, StringComparison.Ordinal);
            Assert.Equal("true", Env(init, "GITSYNC_ONE_TIME")!.Value);
            Assert.Equal("false", Env(sidecar, "GITSYNC_ONE_TIME")!.Value);
            foreach (var git in new[] { sidecar, init })
            {
                Assert.Equal("https://github.com/org/dags.git", Env(git, "GITSYNC_REPO")!.Value);
                Assert.Equal("release", Env(git, "GITSYNC_REF")!.Value);
                Assert.Equal("30s", Env(git, "GITSYNC_PERIOD")!.Value);
                Assert.Equal("repo", Env(git, "GITSYNC_LINK")!.Value);
                var root = Env(git, "GITSYNC_ROOT")!.Value;
                var volume = Volume(pod, Mount(git, root)!.Name);
                Assert.NotNull(volume.EmptyDir);
                Assert.True(git.SecurityContext.RunAsNonRoot);
                Assert.False(git.SecurityContext.AllowPrivilegeEscalation);
            }

            // Airflow reads the same folder, read-only, where its DAG folder points.
            var airflow = Container(pod, containerName);
            var dags = Mount(airflow, "/opt/airflow/dags")!;
            Assert.True(dags.ReadOnlyProperty);
            Assert.Equal(Mount(sidecar, Env(sidecar, "GITSYNC_ROOT")!.Value)!.Name, dags.Name);
        }

        Assert.Equal("/opt/airflow/dags/repo/pipelines", cluster.Get<V1ConfigMap>("airflow-config").Data["AIRFLOW__CORE__DAGS_FOLDER"]);

        // The API server and the migration need no DAG files.
        Assert.DoesNotContain(AllContainers(Pod(cluster.Get<V1Deployment>("airflow-api-server"))), c => c.Name.StartsWith("git-sync", StringComparison.Ordinal));
        Assert.DoesNotContain(AllContainers(Pod(cluster.Get<V1Job>("airflow-init"))), c => c.Name.StartsWith("git-sync", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task GitSyncReadsCredentialsFromTheNamedSecret()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true)
            .WithDagDelivery(AirflowDagDelivery.GitSync("https://github.com/org/private.git", credentialsSecret: "git-credentials"));
        using var cluster = await test.PublishAsync();

        var sidecar = Container(cluster.Get<V1StatefulSet>("airflow-scheduler"), "git-sync");
        foreach (var key in new[] { "GITSYNC_USERNAME", "GITSYNC_PASSWORD" })
        {
            var reference = Env(sidecar, key)!.ValueFrom.SecretKeyRef;
            Assert.Equal("git-credentials", reference.Name);
            Assert.Equal(key, reference.Key);
        }

        Assert.Equal("/opt/airflow/dags/repo", cluster.Get<V1ConfigMap>("airflow-config").Data["AIRFLOW__CORE__DAGS_FOLDER"]);
    }

    [SkippableFact]
    public async Task GitSyncFromConfigurationReplacesTheModelsDelivery()
    {
        using var test = TestApp.CreateForPublish("--Airflow:airflow:DagDelivery=git-sync", "--Airflow:airflow:GitRepository=https://github.com/org/dags.git");
        test.AddAirflowWithDatabase(postgresVolume: true);
        using var cluster = await test.PublishAsync();

        Assert.Equal("https://github.com/org/dags.git", Env(Container(cluster.Get<V1StatefulSet>("airflow-scheduler"), "git-sync"), "GITSYNC_REPO")!.Value);
    }

    [Fact]
    public void GitSyncWithoutARepositoryIsRefusedAtOnce()
    {
        using var test = TestApp.CreateForPublish();
        var airflow = test.AddAirflowWithDatabase(postgresVolume: true);

        var error = Assert.Throws<DistributedApplicationException>(() => airflow.WithDagDelivery(AirflowDagDelivery.GitSync("")));
        Assert.Contains("repository URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("'airflow'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GitSyncFromConfigurationWithoutARepositoryIsRefusedAtOnce()
    {
        using var test = TestApp.CreateForPublish("--Airflow:airflow:DagDelivery=git-sync");

        var error = Assert.Throws<DistributedApplicationException>(() => test.AddAirflowWithDatabase(postgresVolume: true));
        Assert.Contains("repository URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("Airflow:airflow:GitRepository", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownDeliveryModeIsRefusedAtOnce()
    {
        using var test = TestApp.CreateForPublish("--Airflow:airflow:DagDelivery=ftp");

        var error = Assert.Throws<DistributedApplicationException>(() => test.AddAirflowWithDatabase(postgresVolume: true));
        Assert.Contains("'ftp'", error.Message, StringComparison.Ordinal);
        Assert.Contains("baked, git-sync, volume", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task AVolumeIsAReadWriteManyClaimMountedReadOnly()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithRedisCelery().WithDagDelivery(AirflowDagDelivery.Volume("2Gi", storageClass: "efs"));
        using var cluster = await test.PublishAsync();

        var claim = cluster.Get<V1PersistentVolumeClaim>("airflow-dags");
        Assert.Equal(new[] { "ReadWriteMany" }, claim.Spec.AccessModes);
        Assert.Equal("efs", claim.Spec.StorageClassName);
        var worker = Pod(cluster.Get<V1StatefulSet>("airflow-worker"));
        var mount = Mount(Container(worker, "worker"), "/opt/airflow/dags")!;
        Assert.True(mount.ReadOnlyProperty);
        Assert.Equal(claim.Metadata.Name, Volume(worker, mount.Name).PersistentVolumeClaim.ClaimName);
        Assert.DoesNotContain("AIRFLOW__CORE__DAGS_FOLDER", cluster.Get<V1ConfigMap>("airflow-config").Data.Keys);
    }
}

using Xunit.Abstractions;
using k8s;
using Npgsql;

namespace AirflowAspire.Hosting.Kubernetes.ClusterTests.Deploy;

/// <summary>
/// Version changes of an Airflow deployed to the 1.20 test cluster, with releases of the STAND-IN (not Airflow: each
/// records its own migration head in the real Postgres, see <see cref="StandInReleases"/>): <c>plan-upgrade-k8s</c> shows
/// both releases, the path and the SQL the new image's migration would run, and changes nothing; a release that migrates
/// but never becomes ready is rolled back at once, database and objects as before; a good upgrade dumps the database as
/// it was before migrating it; <c>rollback-k8s</c> undoes it, once; destroy keeps the dumps. One test, as each deploy
/// takes a minute or two.
/// </summary>
[Collection(ModelDeployCollection.Name)]
public sealed class UpgradeTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task APlanChangesNothing_AReleaseThatIsNotReadyIsRolledBack_TheUpgradeSnapshotsTheDatabaseFirst_RollbackUndoesItOnce()
    {
        await using var target = await DeployTarget.CreateAsync("plan");
        await using var releases = await StandInReleases.BuildAsync(["3.1.0", "3.2.2"], neverReady: ["3.2.1"]);
        using var folder = new TempFolder();

        var deployed = await ModelDeploy.RunAsync("deploy-k8s", folder.Path, target.Switches(TimeSpan.FromMinutes(4)), builder => Airflow(builder, "3.1.0"));
        Assert.True(deployed is null, deployed);
        var objectsBefore = await target.RecordedVersionsAsync();
        var databaseBefore = await DatabaseAsync(target, folder.Path);
        Assert.Equal("standin-3.1.0 after 1 migration(s)", databaseBefore);
        await WriteProbeAsync(target, folder.Path);

        var (failure, printed) = await ModelDeploy.RunPrintingAsync("plan-upgrade-k8s", folder.Path, target.Switches(), builder => Airflow(builder, "3.2.2"));
        output.WriteLine(printed);

        Assert.True(failure is null, failure + printed);
        Assert.Contains($"Upgrade plan for Airflow 'airflow' in namespace '{target.Namespace}'", printed);
        Assert.Contains($"Deployed: Airflow 3.1.0 ({StandInReleases.Repository}:3.1.0, read from Deployment/airflow-api-server)", printed);
        Assert.Contains($"Model:    Airflow 3.2.2 ({StandInReleases.Repository}:3.2.2)", printed);
        Assert.Contains("Path:     supported: `airflow db migrate` takes the database forward from 3.1.0 to 3.2.2.", printed);
        Assert.Contains("-- Running upgrade standin-3.1.0 -> standin-3.2.2", printed);
        Assert.Matches(@"\d\. the migration, with the model's image: Job/airflow-init", printed);
        Assert.Matches(@"\d\. Airflow's components, restarted on the model's image: .*StatefulSet/airflow-scheduler", printed);

        Assert.Equal(objectsBefore, await target.RecordedVersionsAsync());
        Assert.Equal(databaseBefore, await DatabaseAsync(target, folder.Path));
        await AssertNoPreviewLeftAsync(target);

        // A release that migrates but never becomes ready: rolled back at once, the database and the objects as before.
        var contentBefore = await ContentAsync(target, folder.Path);
        var workloadsBefore = await WorkloadsAsync(target);
        var (brokenFailure, broken) = await ModelDeploy.RunPrintingAsync("deploy-k8s", folder.Path, target.Switches(TimeSpan.FromMinutes(4)), builder => Airflow(builder, "3.2.1"));
        output.WriteLine(broken);

        Assert.NotNull(brokenFailure);
        Assert.Contains("Deployment/airflow-api-server", brokenFailure);
        Assert.Matches(@"did not become ready; rolled back to Airflow 3\.1\.0: database restored from /snapshots/\d{8}T\d{6}Z-airflow-3\.1\.0-to-3\.2\.1\.dump, \d+ objects restored", brokenFailure);
        Assert.Contains("Waiting for Job/airflow-init: completed", broken);
        Assert.Contains("Restore of Airflow 'airflow''s database: from /snapshots/", broken);
        Assert.Equal(contentBefore, await ContentAsync(target, folder.Path));
        Assert.Equal(workloadsBefore, await WorkloadsAsync(target));
        await AssertReadyAsync(target);
        await AssertNoRollbackPointAsync(target);

        // The upgrade itself: the components stop, the database is dumped, then the new release migrates it.
        var (upgradeFailure, upgraded) = await ModelDeploy.RunPrintingAsync("deploy-k8s", folder.Path, target.Switches(TimeSpan.FromMinutes(4)), builder => Airflow(builder, "3.2.2"));
        output.WriteLine(upgraded);

        Assert.True(upgradeFailure is null, upgradeFailure + upgraded);
        Assert.Contains("Airflow 'airflow' changes from 3.1.0 to 3.2.2", upgraded);
        Assert.Matches(@"Snapshot of Airflow 'airflow''s database: /snapshots/\d{8}T\d{6}Z-airflow-3.1.0-to-3.2.2.dump in claim airflow-snapshots", upgraded);
        Assert.Equal("standin-3.2.2 after 2 migration(s)", await DatabaseAsync(target, folder.Path));
        var snapshots = (await DeployInventory.ReadAsync(target.Api, target.Namespace, string.Empty, CancellationToken.None))!.Snapshots;
        Assert.Equal(["3.2.1", "3.2.2"], snapshots.Select(s => s.ToVersion));
        var snapshot = snapshots[^1];
        Assert.Equal(("airflow", "airflow-snapshots", "3.1.0", "3.2.2"), (snapshot.Owner, snapshot.Claim, snapshot.FromVersion, snapshot.ToVersion));
        var dumped = await SnapshotReader.DataAsync(target, snapshot);
        Assert.Contains("standin-3.1.0", dumped);
        Assert.DoesNotContain("standin-3.2.2", dumped);

        // The same release again takes no snapshot; a downgrade is refused by the plan.
        var (againFailure, again) = await ModelDeploy.RunPrintingAsync("deploy-k8s", folder.Path, target.Switches(), builder => Airflow(builder, "3.2.2"));
        Assert.True(againFailure is null, againFailure + again);
        Assert.DoesNotContain("taking a snapshot", again);

        var (downgrade, _) = await ModelDeploy.RunPrintingAsync("plan-upgrade-k8s", folder.Path, target.Switches(), builder => Airflow(builder, "3.0.6"));

        Assert.NotNull(downgrade);
        Assert.Contains("Airflow 'airflow': not supported: 3.2.2 to 3.0.6 is a downgrade, and `airflow db migrate` only goes forward.", downgrade);
        Assert.Equal("standin-3.2.2 after 2 migration(s)", await DatabaseAsync(target, folder.Path));

        // Deploy refuses it too, before it stops anything.
        var workloadsOnGoodUpgrade = await WorkloadsAsync(target);
        var refused = await ModelDeploy.RunAsync("deploy-k8s", folder.Path, target.Switches(), builder => Airflow(builder, "3.0.6"));
        Assert.NotNull(refused);
        Assert.Contains("Deploy stopped before changing Airflow 'airflow': not supported: 3.2.2 to 3.0.6 is a downgrade", refused);
        Assert.Equal(workloadsOnGoodUpgrade, await WorkloadsAsync(target));
        Assert.Equal("standin-3.2.2 after 2 migration(s)", await DatabaseAsync(target, folder.Path));

        // A rollback after a good upgrade: back on 3.1.0 with its data and objects; a second finds nothing to roll back.
        var (rollbackFailure, rolledBack) = await ModelDeploy.RunPrintingAsync("rollback-k8s", folder.Path, target.Switches(TimeSpan.FromMinutes(4)), builder => Airflow(builder, "3.2.2"));
        output.WriteLine(rolledBack);

        Assert.True(rollbackFailure is null, rollbackFailure + rolledBack);
        Assert.Matches(@"rolled back to Airflow 3\.1\.0: database restored from /snapshots/\d{8}T\d{6}Z-airflow-3\.1\.0-to-3\.2\.2\.dump", rolledBack);
        Assert.Equal(contentBefore, await ContentAsync(target, folder.Path));
        Assert.Equal(workloadsBefore, await WorkloadsAsync(target));
        await AssertReadyAsync(target);

        var (nothing, _) = await ModelDeploy.RunPrintingAsync("rollback-k8s", folder.Path, target.Switches(), builder => Airflow(builder, "3.2.2"));
        Assert.NotNull(nothing);
        Assert.Contains($"Nothing to roll back: no deploy of this model in namespace '{target.Namespace}'", nothing);

        // Destroy keeps the snapshots with the rest of the data.
        var destroyed = await ModelDeploy.RunAsync("destroy-k8s", folder.Path, target.Switches(), builder => Airflow(builder, "3.2.2"));
        Assert.True(destroyed is null, destroyed);
        var claims = await target.Client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(target.Namespace);
        Assert.Contains("airflow-snapshots", claims.Items.Select(c => c.Metadata.Name));
    }

    private static void Airflow(IDistributedApplicationBuilder builder, string version)
    {
        var db = builder.AddPostgres("postgres").AddDatabase("airflow-db", "airflow");
        builder.AddAirflow("airflow").WithVersion(version).WithImage(StandInReleases.Repository, version).WithDatabase(db).WithLocalExecutor();
    }

    /// <summary>The stand-in's migration head and how many migrations it recorded, read from the deployed Postgres.</summary>
    private static async Task<string> DatabaseAsync(DeployTarget target, string output)
    {
        var service = await target.Client.CoreV1.ReadNamespacedServiceAsync("postgres", target.Namespace);
        await using var db = await DeployedPostgres.OpenAsync(service.Spec.ClusterIP, DeployedPostgres.SecretValue(output, "postgres-password"));
        await using var head = new NpgsqlCommand("select version_num from standin_alembic_version", db);
        await using var count = new NpgsqlCommand("select count(*) from standin_migrations", db);
        return $"{await head.ExecuteScalarAsync()} after {await count.ExecuteScalarAsync()} migration(s)";
    }

    /// <summary>A row of the test's own, written before any upgrade.</summary>
    private static async Task WriteProbeAsync(DeployTarget target, string output)
    {
        await using var db = await OpenAsync(target, output);
        await using var write = new NpgsqlCommand("create table rollback_probe (note text); insert into rollback_probe values ('written on 3.1.0')", db);
        await write.ExecuteNonQueryAsync();
    }

    /// <summary>What a restore must bring back: the tables, the migration head and history, the probe's rows.</summary>
    private static async Task<string> ContentAsync(DeployTarget target, string output)
    {
        await using var db = await OpenAsync(target, output);
        var lines = new List<string>();
        foreach (var sql in new[]
        {
            "select string_agg(table_name, ',' order by table_name) from information_schema.tables where table_schema = 'public'",
            "select string_agg(version_num, ',') from standin_alembic_version",
            "select string_agg(airflow_version || '@' || ran_at, ',' order by ran_at) from standin_migrations",
            "select string_agg(note, ',') from rollback_probe",
        })
        {
            await using var query = new NpgsqlCommand(sql, db);
            lines.Add($"{await query.ExecuteScalarAsync()}");
        }

        Assert.DoesNotContain(StandInReleases.NeverReadyTable, lines[0]);
        return string.Join("\n", lines);
    }

    /// <summary>The inventory's object list, and each workload's images and replicas: what a rollback must bring back, resourceVersions aside.</summary>
    private static async Task<string> WorkloadsAsync(DeployTarget target)
    {
        var inventory = (await DeployInventory.ReadAsync(target.Api, target.Namespace, string.Empty, CancellationToken.None))!;
        var lines = new List<string>();
        foreach (var key in inventory.Objects)
        {
            var live = await target.Api.GetAsync(key, CancellationToken.None);
            var images = (live?["spec"]?["template"]?["spec"]?["containers"] as System.Text.Json.Nodes.JsonArray ?? []).Select(c => (string?)c?["image"]);
            lines.Add($"{key.ApiVersion} {key} {(live is null ? "missing" : string.Join(",", images))} {live?["spec"]?["replicas"]}");
        }

        return string.Join("\n", lines);
    }

    private static async Task AssertReadyAsync(DeployTarget target)
    {
        var inventory = (await DeployInventory.ReadAsync(target.Api, target.Namespace, string.Empty, CancellationToken.None))!;
        foreach (var key in inventory.Objects.Where(k => WorkloadReadiness.IsWorkload(k.Kind)))
        {
            var live = await target.Api.GetAsync(key, CancellationToken.None);
            Assert.True(live is not null && WorkloadReadiness.Judge(live) is WorkloadState.Ready, $"{key} is not ready after the rollback.");
        }
    }

    private static async Task AssertNoRollbackPointAsync(DeployTarget target)
    {
        Assert.Null((await DeployInventory.ReadAsync(target.Api, target.Namespace, string.Empty, CancellationToken.None))!.Rollback);
        Assert.Null(await target.GetAsync("v1", "Secret", RollbackPoint.Name(string.Empty)));
    }

    private static async Task<NpgsqlConnection> OpenAsync(DeployTarget target, string output)
    {
        var service = await target.Client.CoreV1.ReadNamespacedServiceAsync("postgres", target.Namespace);
        return await DeployedPostgres.OpenAsync(service.Spec.ClusterIP, DeployedPostgres.SecretValue(output, "postgres-password"));
    }

    private static async Task AssertNoPreviewLeftAsync(DeployTarget target)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var jobs = await target.Client.BatchV1.ListNamespacedJobAsync(target.Namespace);
            var pods = await target.Client.CoreV1.ListNamespacedPodAsync(target.Namespace, labelSelector: "job-name=airflow-init-sql-preview");
            if (jobs.Items.All(j => j.Metadata.Name != "airflow-init-sql-preview") && pods.Items.Count == 0)
            {
                return;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "The plan's preview Job or its pod is still there a minute after the plan.");
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }
}

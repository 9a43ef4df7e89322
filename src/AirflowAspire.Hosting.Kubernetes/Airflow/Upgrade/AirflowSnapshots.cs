using System.Globalization;
using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Airflow;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// Before a deploy that changes an Airflow's release or image over one already running: scales its components to
/// zero (by applying their new objects with no replicas, so the fields stay deploy's own and the components stage
/// brings them back), waits until their pods are gone, so nothing writes to the database, and dumps the metadata
/// database with <c>pg_dump</c> (a Job of the Postgres server's own image) into a claim it owns,
/// <c>{prefix}{airflow}-snapshots</c>, keeping the last <c>--keep-snapshots</c>. The claim carries this deployment's
/// labels, so only <c>destroy --delete-data</c> deletes it.
/// </summary>
internal sealed class AirflowSnapshots(ClusterApi api, DeployReport report, DeploySwitches switches)
{
    public const string DumpContainer = "pg-dump";

    private const string Folder = "/snapshots";

    public async Task<IReadOnlyList<DatabaseSnapshot>> TakeAsync(
        IReadOnlyList<JsonObject> objects, DeployTarget target, DistributedApplicationModel model, CancellationToken cancellationToken)
    {
        var taken = new List<DatabaseSnapshot>();
        foreach (var airflow in model.Resources.OfType<AirflowResource>())
        {
            var workloads = AirflowObjects.Workloads(objects, airflow);
            if (workloads.Count == 0 || await DeployedAirflow.ReadAsync(api, workloads, airflow.Name, cancellationToken) is not { } deployed)
            {
                continue;
            }

            var image = (string?)workloads[0]["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"];
            if (deployed.Image == image && deployed.Version == airflow.Version)
            {
                continue;
            }

            var change = $"Airflow '{airflow.Name}' changes from {deployed.Version?.ToString() ?? deployed.Image} to {airflow.Version}" +
                         (deployed.Image == image ? string.Empty : $" ({deployed.Image} to {image})");
            if (switches.NoSnapshot)
            {
                report.Warn($"{change} without a snapshot of its database (--no-snapshot): its migration cannot be undone.");
                continue;
            }

            var migration = AirflowObjects.MigrationJob(objects, airflow);
            var server = airflow.Database?.Parent is { } parent ? objects.FirstOrDefault(o => (string?)o["kind"] is "StatefulSet" or "Deployment" && AirflowObjects.NameOf(o) == parent.Name) : null;
            if (migration is null || server is null)
            {
                throw new DistributedApplicationException(
                    $"{change}, and deploy snapshots the database before a migration, but it can only dump a Postgres server of the model beside " +
                    $"a migration Job{(airflow.IsStandalonePod ? " (the standalone pod has neither)" : " (this database is given as a connection string)")}. " +
                    "Back the database up yourself, then deploy with --no-snapshot to accept the risk.");
            }

            report.Note($"{change}: scaling its components to 0 and taking a snapshot of its database first.");
            await ScaleDownAsync(workloads, target.Namespace, cancellationToken);
            taken.Add(await DumpAsync(airflow.Name, deployed.Version?.ToString() ?? "unknown", airflow.Version.ToString(), migration, server, target, cancellationToken));
        }

        return taken;
    }

    private async Task ScaleDownAsync(IReadOnlyList<JsonObject> workloads, string @namespace, CancellationToken cancellationToken)
    {
        foreach (var workload in workloads)
        {
            var stopped = (JsonObject)workload.DeepClone();
            stopped["spec"]!["replicas"] = 0;
            await api.ApplyAsync(stopped, dryRun: false, force: switches.Adopt, cancellationToken);
        }

        var deadline = DateTimeOffset.UtcNow + switches.Timeout;
        foreach (var workload in workloads)
        {
            var selector = string.Join(",", ((JsonObject)workload["spec"]!["selector"]!["matchLabels"]!).Select(l => $"{l.Key}={l.Value}"));
            while ((await api.PodsAsync(@namespace, selector, cancellationToken)).Count > 0)
            {
                if (DateTimeOffset.UtcNow > deadline)
                {
                    throw new DistributedApplicationException(
                        $"{workload["kind"]}/{workload["metadata"]?["name"]} still has pods {switches.Timeout.TotalSeconds:0} s after deploy scaled it to 0 for the " +
                        "database snapshot, so nothing was migrated; see `kubectl get pods`, or raise --deploy-timeout.");
                }

                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }

    private async Task<DatabaseSnapshot> DumpAsync(
        string airflow, string from, string to, JsonObject migration, JsonObject server, DeployTarget target, CancellationToken cancellationToken)
    {
        var claim = SnapshotClaim.Build($"{target.NamePrefix}{airflow}-snapshots", server, target);
        if (await api.GetAsync(ObjectKey.Of(claim), cancellationToken) is null)
        {
            await api.ApplyAsync(claim, dryRun: false, force: false, cancellationToken);
        }

        var at = DateTimeOffset.UtcNow;
        var file = $"{at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{airflow}-{from}-to-{to}.dump";
        var job = SnapshotJob.Build($"{target.NamePrefix}{airflow}-snapshot", (string)claim["metadata"]!["name"]!, file, switches.KeepSnapshots, migration, server, target);
        var progress = await report.StartAsync($"Snapshot of Airflow '{airflow}''s database", cancellationToken);
        var (succeeded, output) = await OneShotJob.RunAsync(api, job, DumpContainer, switches.Timeout, cancellationToken);
        if (!succeeded)
        {
            await progress.FailAsync(output, cancellationToken);
            throw new DistributedApplicationException(
                $"The snapshot of Airflow '{airflow}''s database failed, so nothing was migrated; its components stay scaled to 0 until a deploy " +
                $"succeeds (deploy again once the cause is fixed, or with --no-snapshot to accept the risk): {output}");
        }

        await progress.SucceedAsync($"{Folder}/{file} in claim {claim["metadata"]!["name"]}", cancellationToken);
        return new DatabaseSnapshot(airflow, (string)claim["metadata"]!["name"]!, $"{Folder}/{file}", from, to, at);
    }
}

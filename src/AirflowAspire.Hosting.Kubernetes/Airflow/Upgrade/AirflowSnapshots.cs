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
            if (deployed.Version is { } from && AirflowUpgradePath.Of(from, airflow.Version) is { Supported: false } verdict)
            {
                // Airflow's migration would refuse it after the components stopped; nothing of Airflow has changed yet.
                throw new DistributedApplicationException(
                    $"Deploy stopped before changing Airflow '{airflow.Name}': {verdict.Text} " +
                    "To go back to the release before the last change, run the rollback step (aspire do rollback-<environment>).");
            }

            if (switches.NoSnapshot)
            {
                report.Warn($"{change} without a snapshot of its database (--no-snapshot): its migration cannot be undone.");
                continue;
            }

            var migration = AirflowObjects.MigrationJob(objects, airflow);
            var server = AirflowObjects.DatabaseServer(objects, airflow);
            if (migration is null || server is null)
            {
                throw new DistributedApplicationException(
                    $"{change}, and deploy snapshots the database before a migration, but it can only dump a Postgres server of the model beside " +
                    $"a migration Job{(airflow.IsStandalonePod ? " (the standalone pod has neither)" : " (this database is given as a connection string)")}. " +
                    "Back the database up yourself, then deploy with --no-snapshot to accept the risk.");
            }

            report.Note($"{change}: scaling its components to 0 and taking a snapshot of its database first.");
            await AirflowComponentsStop.StopAsync(
                api, workloads, target.Namespace, switches.Timeout, switches.Adopt, "for the database snapshot, so nothing was migrated", cancellationToken);
            taken.Add(await DumpAsync(airflow.Name, deployed.Version?.ToString() ?? "unknown", airflow.Version.ToString(), migration, server, target, cancellationToken));
        }

        return taken;
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

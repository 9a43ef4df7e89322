using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Airflow;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// A rollback's part for each Airflow whose database the rollback point holds a snapshot of: stops its components (those
/// of the saved release and any the rolled-back release added), so nothing writes to the database, then restores the
/// database from the dump (<see cref="RestoreJob"/>), reaching it as the saved release's migration Job does.
/// </summary>
internal sealed class AirflowRestore(DeployRestore restore)
{
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var airflows = restore.Model.Resources.OfType<AirflowResource>().ToList();
        foreach (var airflow in airflows)
        {
            if (restore.Point.Snapshots.LastOrDefault(s => s.Owner == airflow.Name) is not { } snapshot)
            {
                continue;
            }

            var saved = AirflowObjects.Workloads(restore.Point.Objects, airflow);
            var added = AirflowObjects.Workloads(restore.Live, airflow).Where(w => !saved.Any(s => ObjectKey.Of(s).SameObject(ObjectKey.Of(w))));
            restore.Report.Note($"Airflow '{airflow.Name}': scaling its components to 0 and restoring its database from {snapshot.File} (taken before {snapshot.ToVersion} migrated it).");
            await AirflowComponentsStop.StopAsync(
                restore.Api, [.. saved, .. added], restore.Target.Namespace, restore.Switches.Timeout, force: true, "so the database was not restored", cancellationToken);
            await RestoreDatabaseAsync(airflow, snapshot, cancellationToken);
            lines.Add(airflows.Count == 1
                ? $"Airflow {snapshot.FromVersion}: database restored from {snapshot.File}"
                : $"Airflow '{airflow.Name}' {snapshot.FromVersion}: database restored from {snapshot.File}");
        }

        return lines;
    }

    private async Task RestoreDatabaseAsync(AirflowResource airflow, DatabaseSnapshot snapshot, CancellationToken cancellationToken)
    {
        var migration = AirflowObjects.MigrationJob(restore.Point.Objects, airflow);
        var server = AirflowObjects.DatabaseServer(restore.Point.Objects, airflow);
        if (migration is null || server is null)
        {
            throw new DistributedApplicationException(
                $"The rollback point holds a snapshot of Airflow '{airflow.Name}''s database ({snapshot.File} in claim {snapshot.Claim}), but not the " +
                "migration Job and Postgres server it needs to restore it, so nothing was restored; restore the dump with pg_restore yourself.");
        }

        var job = RestoreJob.Build($"{restore.Target.NamePrefix}{airflow.Name}-restore", snapshot, migration, server, restore.Target);
        var progress = await restore.Report.StartAsync($"Restore of Airflow '{airflow.Name}''s database", cancellationToken);
        var (succeeded, output) = await OneShotJob.RunAsync(restore.Api, job, RestoreJob.Container, restore.Switches.Timeout, cancellationToken);
        if (!succeeded)
        {
            await progress.FailAsync(output, cancellationToken);
            throw new DistributedApplicationException(
                $"Restoring Airflow '{airflow.Name}''s database from {snapshot.File} (claim {snapshot.Claim}) failed; its components stay scaled to 0 " +
                $"and the rollback point is kept: {output}");
        }

        await progress.SucceedAsync($"from {snapshot.File}", cancellationToken);
    }
}

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// One rollback to a <see cref="RollbackPoint"/>, the same after a deploy that did not become ready and for
/// <c>rollback-{name}</c>: the templates stop what writes to their data and restore it from the point's snapshots; the
/// objects the rolled-back release added and the saved one lacks are deleted (only those the inventory lists and that
/// carry this deployment's labels); the saved objects are applied again, taking their fields back, stage by stage with
/// deploy's waits; the inventory becomes the saved release's again; and the point is consumed.
/// </summary>
internal sealed class ClusterRollback(ClusterApi api, DeployReport report, DeploySwitches switches)
{
    /// <param name="current">The inventory as it stands: the release being rolled back, its snapshots kept.</param>
    public async Task<RollbackOutcome> RunAsync(
        RollbackPoint point, DeployInventory current, DeployTarget target, DistributedApplicationModel model, CancellationToken cancellationToken)
    {
        var live = await RollbackPoint.CaptureAsync(api, current.Objects, target.Instance, cancellationToken);
        var restore = new DeployRestore(api, report, switches, point, live, target, model);
        var restored = new List<string>();
        foreach (var template in KubernetesTemplates.Create())
        {
            restored.AddRange(await template.RestoreAsync(restore, cancellationToken));
        }

        foreach (var key in Added(current.Objects, point.Inventory))
        {
            if (await api.GetAsync(key, cancellationToken) is { } item && DeploymentOwnership.IsOurs(item, target.Instance))
            {
                await api.DeleteAsync(key, cancellationToken, foreground: true);
                report.Note($"Deleted {key}: the release rolled back added it.");
            }
        }

        var replaced = await FinishedJobs.ToReplaceAsync(api, point.Objects, target.Instance, adopt: true, cancellationToken);
        var failures = await StagedRollout.RunAsync(
            point.Objects,
            DeployStages.StartedAfterJobs(model),
            async item =>
            {
                if (replaced.Contains(ObjectKey.Of(item)))
                {
                    await FinishedJobs.DeleteAsync(api, ObjectKey.Of(item), switches.Timeout, cancellationToken);
                }

                await api.ApplyAsync(item, dryRun: false, force: true, cancellationToken);
            },
            new RolloutWatch(api, report),
            switches.Timeout,
            cancellationToken);

        var inventory = new DeployInventory(point.Inventory) { Snapshots = current.Snapshots };
        await api.ApplyAsync(inventory.ToConfigMap(target.Namespace, target.NamePrefix, target.Labels), dryRun: false, force: true, cancellationToken);
        await api.DeleteAsync(RollbackPoint.Key(target.Namespace, target.NamePrefix), cancellationToken);
        return new RollbackOutcome(restored, point.Objects.Count, failures);
    }

    /// <summary>What the release being rolled back has that the saved one lacks: the objects to delete (never the namespace).</summary>
    public static IReadOnlyList<ObjectKey> Added(IEnumerable<ObjectKey> current, IReadOnlyList<ObjectKey> saved) =>
        [.. current.Where(c => c.Kind != "Namespace" && !saved.Any(c.SameObject))];
}

using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// One deploy: fits the published objects to the server, checks rights and room, validates every object with a
/// server-side dry run, then applies them stage by stage with one field manager, never forcing (<c>--adopt</c> aside) and
/// never over an object of another's (see <see cref="DeploymentOwnership"/>), waiting between stages, deletes
/// what the previous deploy made and the model no longer has, and says how to reach the UI. Something that
/// cannot become ready is reported with its reason, and the deploy goes on applying the rest, so the cluster
/// holds the whole model; the step fails at the end.
/// </summary>
internal sealed class ClusterDeployment(ClusterApi api, DeployReport report, DeploySwitches switches)
{
    /// <param name="tree">Rendered for <paramref name="served"/>'s features.</param>
    public async Task<DeployOutcome> RunAsync(KubernetesTree tree, ServedApis served, DistributedApplicationModel model, CancellationToken cancellationToken)
    {
        var target = tree.Target;
        report.Note($"Deploying to {api.Server} (Kubernetes {served.GitVersion}), namespace '{target.Namespace}'.");
        tree.Notes.ToList().ForEach(report.Note);

        var (objects, notes) = ServerAdaptation.Adapt(tree.Objects, served, api.Server);
        notes.ToList().ForEach(report.Note);
        foreach (var warning in await CapacityCheck.CheckAsync(api, objects, target.Namespace, target.Instance, cancellationToken))
        {
            report.Warn(warning);
        }

        var keys = objects.Select(ObjectKey.Of).ToList();
        var namespaceExists = await NamespaceExistsAsync(target.Namespace, cancellationToken);
        var mayChangeNamespace = await AccessCheck.AllowedAsync(api, string.Empty, "namespaces", "patch", null, cancellationToken);
        var inventoryKey = DeployInventory.Key(target.Namespace, target.NamePrefix);
        await AccessCheck.ThrowIfForbiddenAsync(api, keys.Append(inventoryKey), target.Namespace, namespaceExists, cancellationToken);
        if (namespaceExists)
        {
            await RefuseForeignObjectsAsync(keys.Where(k => k.Kind != "Namespace").Append(inventoryKey), target, cancellationToken);
        }

        var previous = namespaceExists ? await ReadInventoryAsync(target, cancellationToken) : null;

        var afterJobs = DeployStages.StartedAfterJobs(model);
        var staged = objects.GroupBy(o => DeployStages.Of(o, afterJobs)).OrderBy(g => g.Key).ToList();
        var changes = new ApplyCounts();
        foreach (var item in staged.Where(g => g.Key == DeployStages.Stage.Namespace).SelectMany(g => g))
        {
            if (namespaceExists && !mayChangeNamespace)
            {
                report.Note($"The namespace '{target.Namespace}' exists and you may not change it; its labels stay as they are.");
                continue;
            }

            // A namespace deploy did not create is someone else's: it gets none of this deployment's labels, --adopt or not.
            if (namespaceExists && !await NamespaceOwnership.IsOwnedAsync(api, target, cancellationToken))
            {
                report.Note($"The namespace '{target.Namespace}' exists and deploy did not create it; its labels stay as they are.");
                continue;
            }

            NamespaceOwnership.Mark(item, target);
            changes.Add(await ApplyAsync(item, cancellationToken));
        }

        var replacedJobs = namespaceExists ? await FinishedJobs.ToReplaceAsync(api, objects, target.Instance, switches.Adopt, cancellationToken) : new HashSet<ObjectKey>();
        var dryRuns = await DryRunAsync(
            objects.Where(o => DeployStages.Of(o, afterJobs) != DeployStages.Stage.Namespace && !replacedJobs.Contains(ObjectKey.Of(o))), cancellationToken);

        // Recorded before the first change, so what a failed deploy made can still be pruned or destroyed.
        var recorded = keys.Concat((previous?.Objects ?? []).Where(old => !keys.Any(old.SameObject))).ToList();
        var snapshots = previous?.Snapshots ?? [];
        var rollback = previous?.Rollback;
        await ApplyAsync(new DeployInventory(recorded) { Snapshots = snapshots, Rollback = rollback }.ToConfigMap(target.Namespace, target.NamePrefix, target.Labels), cancellationToken);

        // Read before anything stops: what a rollback restores if the release change this deploy may make fails.
        var running = previous is null ? [] : await RollbackPoint.CaptureAsync(api, previous.Objects, target.Instance, cancellationToken);

        // Before anything migrates: a version change takes its snapshot, recorded at once.
        var before = new DeployBeforeJobs(api, report, switches, objects, target, model);
        var taken = new List<DatabaseSnapshot>();
        foreach (var template in KubernetesTemplates.Create())
        {
            taken.AddRange(await template.BeforeJobsAsync(before, cancellationToken));
        }

        RollbackPoint? point = null;
        if (taken.Count > 0)
        {
            snapshots = DatabaseSnapshot.Newest(snapshots.Concat(taken), switches.KeepSnapshots);
            point = new RollbackPoint(running, previous?.Objects ?? [], taken);
            await api.ApplyAsync(point.ToSecret(target), dryRun: false, force: true, cancellationToken);
            rollback = point.Record(target.NamePrefix);
            await ApplyAsync(new DeployInventory(recorded) { Snapshots = snapshots, Rollback = rollback }.ToConfigMap(target.Namespace, target.NamePrefix, target.Labels), cancellationToken);
        }

        var failures = await StagedRollout.RunAsync(
            staged.Where(g => g.Key != DeployStages.Stage.Namespace).SelectMany(g => g),
            afterJobs,
            async item =>
            {
                if (replacedJobs.Contains(ObjectKey.Of(item)))
                {
                    report.Note($"{ObjectKey.Of(item)} finished with its previous pod template, which a Job cannot change: it is deleted and runs again.");
                    await FinishedJobs.DeleteAsync(api, ObjectKey.Of(item), switches.Timeout, cancellationToken);
                }

                changes.Add(await ApplyAsync(item, cancellationToken, dryRuns.GetValueOrDefault(ObjectKey.Of(item))));
            },
            new RolloutWatch(api, report),
            switches.Timeout,
            cancellationToken);

        string? leftAsItIs = null;
        if (failures.Count > 0 && point is not null)
        {
            if (!switches.NoRollback)
            {
                return new DeployOutcome(failures, await RollBackAsync(point, new DeployInventory(recorded) { Snapshots = snapshots }, target, model, cancellationToken));
            }

            leftAsItIs = $"{Changed(point)} did not become ready and was left as it is (--no-rollback); the rollback step (`aspire do rollback-<environment>`, " +
                         "e.g. rollback-k8s) restores the release before it and its database.";
        }

        await PruneAsync(previous, keys, target, cancellationToken);
        await ApplyAsync(new DeployInventory(keys) { Snapshots = snapshots, Rollback = rollback }.ToConfigMap(target.Namespace, target.NamePrefix, target.Labels), cancellationToken);
        report.Note($"Applied {objects.Count} objects: {changes}.");
        if (await UiAccess.DescribeAsync(api, objects, cancellationToken) is { } ui)
        {
            report.Note(ui);
        }

        return new DeployOutcome(failures, leftAsItIs);
    }

    private static string Changed(RollbackPoint point) => $"The change to {string.Join(", ", point.Snapshots.Select(s => $"{s.Owner} {s.ToVersion}"))}";

    /// <summary>
    /// After a release change that did not become ready: back to the release before it (<see cref="ClusterRollback"/>);
    /// what was done, for the step's failure message.
    /// </summary>
    private async Task<string> RollBackAsync(RollbackPoint point, DeployInventory current, DeployTarget target, DistributedApplicationModel model, CancellationToken cancellationToken)
    {
        var changed = Changed(point);

        report.Warn($"{changed} did not become ready: rolling back to the release before it.");
        try
        {
            var outcome = await new ClusterRollback(api, report, switches).RunAsync(point, current, target, model, cancellationToken);
            report.Note($"Rollback: {outcome.Summary}");
            return $"{changed} did not become ready; {outcome.Summary}";
        }
        catch (DistributedApplicationException e)
        {
            return $"{changed} did not become ready, and rolling back failed too: {e.Message} The rollback point is kept: fix the cause, then run the rollback step again.";
        }
    }

    /// <summary>Whether the namespace exists; a user who may not read namespaces works in one given to them, so it counts as existing.</summary>
    private async Task<bool> NamespaceExistsAsync(string @namespace, CancellationToken cancellationToken)
    {
        try
        {
            return await api.GetAsync(new ObjectKey("v1", "Namespace", null, @namespace), cancellationToken) is not null;
        }
        catch (ClusterApiException e) when (e.Status == System.Net.HttpStatusCode.Forbidden)
        {
            return true;
        }
    }

    /// <param name="dryRun">What the server said the object would become; when the server already holds just that, nothing is sent.</param>
    private async Task<ApplyResult> ApplyAsync(JsonObject item, CancellationToken cancellationToken, JsonObject? dryRun = null)
    {
        var key = ObjectKey.Of(item);
        var before = await api.GetAsync(key, cancellationToken);
        if (before is not null && dryRun is not null && AppliedState.Same(before, dryRun))
        {
            return ApplyResult.Unchanged;
        }

        JsonObject after;
        try
        {
            after = await api.ApplyAsync(item, dryRun: false, force: switches.Adopt, cancellationToken);
        }
        catch (ClusterApiException e) when (e.Status == System.Net.HttpStatusCode.Conflict)
        {
            throw new DistributedApplicationException($"{e.Key} was not applied: {ConflictReason(e)}", e);
        }

        var version = (string?)after["metadata"]?["resourceVersion"];
        return before is null ? ApplyResult.Created
            : (string?)before["metadata"]?["resourceVersion"] == version ? ApplyResult.Unchanged
            : ApplyResult.Changed;
    }

    private async Task<Dictionary<ObjectKey, JsonObject>> DryRunAsync(IEnumerable<JsonObject> objects, CancellationToken cancellationToken)
    {
        var refused = new List<string>();
        var results = new Dictionary<ObjectKey, JsonObject>();
        foreach (var item in objects)
        {
            try
            {
                results[ObjectKey.Of(item)] = await api.ApplyAsync(item, dryRun: true, force: switches.Adopt, cancellationToken);
            }
            catch (ClusterApiException e) when (e.Status is not null)
            {
                refused.Add($"{e.Key}: {(e.Status == System.Net.HttpStatusCode.Conflict ? ConflictReason(e) : e.Reason)}");
            }
        }

        if (refused.Count > 0)
        {
            throw new DistributedApplicationException(
                $"The API server at {api.Server} refused {refused.Count} object(s) in a dry run, so nothing else was applied: {string.Join("; ", refused)}");
        }

        return results;
    }

    /// <summary>
    /// Refuses, before anything is applied, to apply over objects of the model's names that this deployment did not
    /// make: deploy would relabel them as its own, and destroy would then delete them. <c>--adopt</c> takes them over.
    /// </summary>
    private async Task RefuseForeignObjectsAsync(IEnumerable<ObjectKey> keys, DeployTarget target, CancellationToken cancellationToken)
    {
        var foreign = new List<ObjectKey>();
        foreach (var key in keys)
        {
            if (await api.GetAsync(key, cancellationToken) is { } live && !DeploymentOwnership.IsOurs(live, target.Instance))
            {
                foreign.Add(key);
            }
        }

        if (foreign.Count == 0)
        {
            return;
        }

        var names = string.Join(", ", foreign);
        if (switches.Adopt)
        {
            report.Warn($"Taking over {names} (--adopt): they get this deployment's labels and content, and destroy deletes them.");
            return;
        }

        throw new DistributedApplicationException(
            $"Namespace '{target.Namespace}' on {api.Server} already holds {names}, which this deployment did not make " +
            $"(they lack the labels {DeploymentOwnership.Labels(target.Instance)}), so nothing was applied: deploy would overwrite them " +
            "and destroy would delete them. Deploy with another --name-prefix or --namespace, or, if they are to become this " +
            "deployment's, deploy with --adopt.");
    }

    private static string ConflictReason(ClusterApiException e) =>
        $"another field manager set {(e.Conflicts.Count > 0 ? string.Join(", ", e.Conflicts) : e.Reason)} to other values than deploy applies. " +
        "Undo that change (or make it in the AppHost's model), or deploy with --adopt to take these fields over.";

    /// <summary>The previous deploy's record, its lines that are not this deployment's objects reported and left out.</summary>
    private async Task<DeployInventory?> ReadInventoryAsync(DeployTarget target, CancellationToken cancellationToken)
    {
        var previous = await DeployInventory.ReadAsync(api, target.Namespace, target.NamePrefix, cancellationToken);
        if (previous?.Invalid.Count > 0)
        {
            report.Warn(previous.DescribeInvalid(target.NamePrefix));
        }

        return previous;
    }

    /// <summary>
    /// Deletes what the previous deploy recorded and this one no longer has, when it still carries this deployment's
    /// labels; an object that lost them is reported and kept.
    /// </summary>
    private async Task PruneAsync(DeployInventory? previous, IReadOnlyList<ObjectKey> current, DeployTarget target, CancellationToken cancellationToken)
    {
        foreach (var old in (previous?.Objects ?? []).Where(o => o.Kind != "Namespace" && !current.Any(o.SameObject)))
        {
            if (await api.GetAsync(old, cancellationToken) is not { } live)
            {
                continue;
            }

            if (!DeploymentOwnership.IsOurs(live, target.Instance))
            {
                report.Warn($"Kept {old}: the previous deploy recorded it, but it lacks the labels {DeploymentOwnership.Labels(target.Instance)}.");
                continue;
            }

            await api.DeleteAsync(old, cancellationToken);
            report.Note($"Deleted {old}: the model no longer has it.");
        }
    }

    private enum ApplyResult
    {
        Created,
        Changed,
        Unchanged,
    }

    private sealed class ApplyCounts
    {
        private readonly Dictionary<ApplyResult, int> counts = [];

        public void Add(ApplyResult result) => counts[result] = counts.GetValueOrDefault(result) + 1;

        public override string ToString() =>
            $"{counts.GetValueOrDefault(ApplyResult.Created)} created, {counts.GetValueOrDefault(ApplyResult.Changed)} changed, " +
            $"{counts.GetValueOrDefault(ApplyResult.Unchanged)} unchanged";
    }
}

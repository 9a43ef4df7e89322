using k8s;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// One destroy: deletes every object the deploy's inventory lists that is in the namespace and carries this
/// deployment's labels, workloads first, and waits until they and their pods are gone. A line naming anything else
/// (an edited inventory) and a listed object without the labels are reported and left alone.
/// PersistentVolumeClaims that StatefulSets made (the data) and the namespace stay, unless the user asks to
/// delete data; then the claims go (found by the deployment's labels, so also after an earlier destroy), and the
/// namespace too when deploy created it.
/// </summary>
internal sealed class ClusterTeardown(ClusterApi api, DeployReport report, DeploySwitches switches)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public async Task RunAsync(string @namespace, string namePrefix, string instance, CancellationToken cancellationToken)
    {
        var inventoryKey = DeployInventory.Key(@namespace, namePrefix);
        var inventoryObject = await api.GetAsync(inventoryKey, cancellationToken);
        var inventory = inventoryObject is not null && DeploymentOwnership.IsOurs(inventoryObject, instance)
            ? await DeployInventory.ReadAsync(api, @namespace, namePrefix, cancellationToken)
            : null;
        if (inventoryObject is not null && inventory is null)
        {
            report.Warn($"Left {inventoryKey} alone: it lacks the labels {DeploymentOwnership.Labels(instance)}, so it is no record of this deployment.");
        }

        var ownsNamespace = await NamespaceOwnership.IsOwnedAsync(api, @namespace, instance, cancellationToken);
        if (inventory is null && !(switches.DeleteData && ownsNamespace))
        {
            report.Note($"Nothing to destroy: no deploy of this model is recorded in namespace '{@namespace}' on {api.Server}.");
            return;
        }

        if (inventory?.Invalid.Count > 0)
        {
            report.Warn(inventory.DescribeInvalid(namePrefix));
        }

        var objects = await OursAsync((inventory?.Objects ?? []).Where(o => o.Kind != "Namespace"), instance, cancellationToken);
        var claims = switches.DeleteData ? await ClaimsAsync(@namespace, instance, cancellationToken) : [];
        var task = await report.StartAsync($"Deleting {objects.Count} objects from namespace '{@namespace}'", cancellationToken);
        foreach (var key in objects.Concat(claims))
        {
            await api.DeleteAsync(key, cancellationToken, foreground: true);
        }

        await WaitUntilGoneAsync(objects.Concat(claims).ToList(), task, cancellationToken);
        await DeleteRollbackPointAsync(@namespace, namePrefix, instance, cancellationToken);
        if (inventory is not null)
        {
            await api.DeleteAsync(inventoryKey, cancellationToken);
        }

        if (switches.DeleteData && ownsNamespace)
        {
            var ns = new ObjectKey("v1", "Namespace", null, @namespace);
            await api.DeleteAsync(ns, cancellationToken);
            await WaitUntilGoneAsync([ns], task, cancellationToken);
        }

        var kept = switches.DeleteData
            ? "its data was deleted too"
            : "PersistentVolumeClaims (the data) and the namespace are kept; destroy with --delete-data to delete them";
        var deletedClaims = claims.Count > 0 ? $" and {Counted(claims.Count, "claim")}" : string.Empty;
        await task.SucceedAsync($"deleted {Counted(objects.Count, "object")}{deletedClaims}; {kept}", cancellationToken);
    }

    /// <summary>
    /// The rollback point goes with the inventory that names it: it would restore objects destroy just deleted. The
    /// dumps it names stay in their claim with the rest of the data.
    /// </summary>
    private async Task DeleteRollbackPointAsync(string @namespace, string namePrefix, string instance, CancellationToken cancellationToken)
    {
        var key = RollbackPoint.Key(@namespace, namePrefix);
        if (await api.GetAsync(key, cancellationToken) is { } point && DeploymentOwnership.IsOurs(point, instance))
        {
            await api.DeleteAsync(key, cancellationToken);
        }
    }

    private static string Counted(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>The listed objects that are there and carry this deployment's labels, in deletion order; the others reported.</summary>
    private async Task<IReadOnlyList<ObjectKey>> OursAsync(IEnumerable<ObjectKey> listed, string instance, CancellationToken cancellationToken)
    {
        var ours = new List<ObjectKey>();
        foreach (var key in listed.OrderBy(Order))
        {
            if (await api.GetAsync(key, cancellationToken) is not { } live)
            {
                continue;
            }

            if (DeploymentOwnership.IsOurs(live, instance))
            {
                ours.Add(key);
            }
            else
            {
                report.Warn($"Kept {key}: the inventory lists it, but it lacks the labels {DeploymentOwnership.Labels(instance)}.");
            }
        }

        return ours;
    }

    /// <summary>Workloads before what they use, so no pod restarts for a missing ConfigMap on its way out.</summary>
    private static int Order(ObjectKey key) => key.Kind switch
    {
        "HorizontalPodAutoscaler" or "ScaledObject" or "PodDisruptionBudget" or "Ingress" => 0,
        "Deployment" or "StatefulSet" or "DaemonSet" or "Job" or "CronJob" => 1,
        _ => 2,
    };

    /// <summary>The claims this deployment's StatefulSets made: their volume claim templates carry its managed-by and instance labels.</summary>
    private async Task<IReadOnlyList<ObjectKey>> ClaimsAsync(string @namespace, string instance, CancellationToken cancellationToken)
    {
        var selector = $"{KubernetesContext.ManagedByLabel}={KubernetesContext.ManagedBy},{KubernetesContext.InstanceLabel}={instance}";
        var list = await api.Client.CoreV1.ListNamespacedPersistentVolumeClaimAsync(@namespace, labelSelector: selector, cancellationToken: cancellationToken);
        return list.Items.Select(c => new ObjectKey("v1", "PersistentVolumeClaim", @namespace, c.Metadata.Name)).ToList();
    }

    private async Task WaitUntilGoneAsync(IReadOnlyList<ObjectKey> keys, DeployReport.Progress task, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + switches.Timeout;
        var remaining = keys.ToList();
        while (true)
        {
            var still = new List<ObjectKey>();
            foreach (var key in remaining)
            {
                if (await api.GetAsync(key, cancellationToken) is not null)
                {
                    still.Add(key);
                }
            }

            remaining = still;
            if (remaining.Count == 0)
            {
                return;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new DistributedApplicationException(
                    $"After {switches.Timeout.TotalSeconds:0} s these are still being deleted: {string.Join(", ", remaining)}. " +
                    "A finalizer may hold them; see `kubectl describe` of each.");
            }

            await task.StatusAsync($"{remaining.Count} still being deleted", cancellationToken);
            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}

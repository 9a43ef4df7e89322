using AirflowAspire.Hosting.Publishing;
using Aspire.Hosting.Pipelines;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

// The pipeline step API (ASPIREPIPELINES001) is experimental in Aspire 13.6, and the only way to offer `aspire do <step>`.
#pragma warning disable ASPIREPIPELINES001

/// <summary>
/// The step <c>rollback-{name}</c> (<c>aspire do rollback-k8s</c>), after <c>publish-{name}</c> and required by no other:
/// back to the release before the last deploy that changed an Airflow's release or image, from the rollback point that
/// deploy left (<see cref="ClusterRollback"/>): each database restored from the snapshot taken before the change, the
/// objects as they were, the inventory as it was; then it waits as deploy does. The point is consumed, so a second
/// rollback finds nothing to roll back and fails (exit 1), as it does where no deploy changed a release.
/// </summary>
internal static class AirflowRollbackStep
{
    public static string StepName(KustomizeEnvironmentResource environment) => $"rollback-{environment.Name}";

    public static EnvironmentStep Step(KustomizeEnvironmentResource environment) => new(
        StepName(environment),
        $"Rolls '{environment.Name}' back to the Airflow release before the last deploy that changed it: its objects and its database, from the snapshot taken then.",
        context => RollBackAsync(environment, context),
        RequiredBy: null,
        environment.PublishStepName);

    /// <summary>What the step says, and fails with, when there is no rollback point.</summary>
    public static string NothingToRollBack(string @namespace, string server) =>
        $"Nothing to roll back: no deploy of this model in namespace '{@namespace}' on {server} changed Airflow's release since the last rollback.";

    private static async Task RollBackAsync(KustomizeEnvironmentResource environment, PipelineStepContext context)
    {
        var cancellationToken = context.CancellationToken;
        var (switches, report, api, _, tree) = await PublishedClusterStep.OpenAsync(environment, context, StepName(environment));
        var target = tree.Target;
        var inventory = await DeployInventory.ReadAsync(api, target.Namespace, target.NamePrefix, cancellationToken);
        var point = inventory?.Rollback is null ? null : await RollbackPoint.ReadAsync(api, target, cancellationToken);
        if (inventory is null || point is null)
        {
            throw new DistributedApplicationException(NothingToRollBack(target.Namespace, api.Server));
        }

        if (inventory.Invalid.Count > 0)
        {
            report.Warn(inventory.DescribeInvalid(target.NamePrefix));
        }

        var undone = string.Join(", ", point.Snapshots.Select(s => $"'{s.Owner}' {s.FromVersion} to {s.ToVersion} ({s.TakenAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC)"));
        report.Note($"Rolling back the change of Airflow {undone} in namespace '{target.Namespace}' on {api.Server}; what the database got since is lost.");
        var outcome = await new ClusterRollback(api, report, switches).RunAsync(point, inventory, target, context.Model, cancellationToken);
        if (outcome.Failures.Count > 0)
        {
            throw new DistributedApplicationException($"Rollback: {outcome.Summary}");
        }

        report.Note($"Rolled back '{environment.Name}': {outcome.Summary}; every workload is ready.");
        context.Summary.Add($"Rollback ({environment.Name})", $"namespace {target.Namespace}: {outcome.Summary}");
    }
}

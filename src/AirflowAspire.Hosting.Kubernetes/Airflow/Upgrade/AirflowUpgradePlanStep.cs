using AirflowAspire.Hosting.Publishing;
using Aspire.Hosting.Pipelines;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

// The pipeline step API (ASPIREPIPELINES001) is experimental in Aspire 13.6, and the only way to offer `aspire do <step>`.
#pragma warning disable ASPIREPIPELINES001

/// <summary>
/// The step <c>plan-upgrade-{name}</c> (<c>aspire do plan-upgrade-k8s</c>), after <c>publish-{name}</c> and required by
/// no other: for each Airflow of the model, what deploying it over the one in the cluster would do
/// (<see cref="AirflowUpgradePlan"/>). Changes nothing in the cluster but a short-lived Job it deletes again; fails
/// (exit 1) when Airflow cannot migrate between the two releases.
/// </summary>
internal static class AirflowUpgradePlanStep
{
    public static string StepName(KustomizeEnvironmentResource environment) => $"plan-upgrade-{environment.Name}";

    public static EnvironmentStep Step(KustomizeEnvironmentResource environment) => new(
        StepName(environment),
        $"Shows what deploying '{environment.Name}' would change of the Airflow in the cluster: versions, upgrade path, migration SQL, options, order. Changes nothing.",
        context => PlanAsync(environment, context),
        RequiredBy: null,
        environment.PublishStepName);

    private static async Task PlanAsync(KustomizeEnvironmentResource environment, PipelineStepContext context)
    {
        var cancellationToken = context.CancellationToken;
        var (switches, report, api, _, tree) = await PublishedClusterStep.OpenAsync(environment, context, StepName(environment));

        var airflows = context.Model.Resources.OfType<AirflowResource>().ToList();
        var startedAfterJobs = DeployStages.StartedAfterJobs(context.Model);
        var unsupported = new List<string>();
        foreach (var airflow in airflows)
        {
            var plan = await AirflowUpgradePlan.MakeAsync(api, tree, airflow, startedAfterJobs, switches.Timeout, cancellationToken);
            plan.Lines.ToList().ForEach(report.Note);
            if (plan.Verdict is { Supported: false } verdict)
            {
                unsupported.Add($"Airflow '{airflow.Name}': {verdict.Text}");
            }
        }

        if (unsupported.Count > 0)
        {
            throw new DistributedApplicationException(string.Join("\n", unsupported));
        }

        context.Summary.Add($"Upgrade plan ({environment.Name})", $"nothing changed in namespace {tree.Target.Namespace}");
    }
}

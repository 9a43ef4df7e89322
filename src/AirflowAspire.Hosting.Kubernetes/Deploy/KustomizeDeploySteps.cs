using AirflowAspire.Hosting.Publishing;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AirflowAspire.Hosting.Kubernetes;

// The pipeline step API (ASPIREPIPELINES001) is experimental in Aspire 13.6, and it is the only way to take part in
// `aspire deploy` and `aspire destroy`.
#pragma warning disable ASPIREPIPELINES001

/// <summary>
/// The steps <c>deploy-{name}</c> (after <c>publish-{name}</c>, required by <c>deploy</c>), which applies to the cluster
/// the tree the publish step rendered in the same run, from what it settled in memory (never from its files), and
/// <c>destroy-{name}</c> (required by <c>destroy</c>), which deletes what deploy made. Either ends a failure with its reason, printed once, and exit code 1 (see <see cref="ReportedFailureStep"/>).
/// </summary>
internal static class KustomizeDeploySteps
{
    public static EnvironmentStep Deploy(KustomizeEnvironmentResource environment) => new(
        environment.DeployStepName,
        $"Applies the kustomize tree of '{environment.Name}' to the cluster of the current kubeconfig context and waits for it.",
        context => DeployAsync(environment, context),
        WellKnownPipelineSteps.Deploy,
        environment.PublishStepName, WellKnownPipelineSteps.DeployPrereq);

    public static EnvironmentStep Destroy(KustomizeEnvironmentResource environment) => new(
        environment.DestroyStepName,
        $"Deletes what deploy made of '{environment.Name}' from the cluster, keeping data unless --delete-data (confirmed, or with --yes).",
        context => DestroyAsync(environment, context),
        WellKnownPipelineSteps.Destroy,
        WellKnownPipelineSteps.DestroyPrereq);

    private static async Task DeployAsync(KustomizeEnvironmentResource environment, PipelineStepContext context)
    {
        var cancellationToken = context.CancellationToken;
        var (switches, report, api, served, tree) = await PublishedClusterStep.OpenAsync(environment, context);
        var (failures, rolledBack) = await new ClusterDeployment(api, report, switches).RunAsync(tree, served, context.Model, cancellationToken);
        if (failures.Count > 0)
        {
            throw new DistributedApplicationException(
                $"Deployed to {api.Server}, but {failures.Count} workload(s) did not become ready:\n" + string.Join("\n", failures.Select(f => $"- {f}")) +
                (rolledBack is null ? string.Empty : $"\n{rolledBack}"));
        }

        report.Note($"Deployed '{environment.Name}' to namespace '{tree.Target.Namespace}': every workload is ready.");
        context.Summary.Add($"Kubernetes ({environment.Name})", $"deployed to {api.Server}, namespace {tree.Target.Namespace}");
    }

    /// <summary>
    /// The tree publish rendered, rendered again for the server found from the values publish settled: what the
    /// server can run changes the objects (native sidecars move the standalone pod's Postgres and first steps), and
    /// a new render from the same values is simpler than rewriting the published pod.
    /// </summary>
    internal static KubernetesTree TreeFor(KustomizeInputs published, KubernetesServerFeatures server) =>
        KubernetesRenderer.Render(published, server);

    private static async Task DestroyAsync(KustomizeEnvironmentResource environment, PipelineStepContext context)
    {
        var configuration = context.Services.GetRequiredService<IConfiguration>();
        var args = context.Services.GetService<DistributedApplicationOptions>()?.Args;
        var switches = DeploySwitches.Read(configuration, args, environment);
        var publish = PublishSwitches.From(configuration, args);
        var @namespace = KubernetesNames.Namespace(context.Model, publish.Namespace ?? environment.Namespace);
        var prefix = KubernetesNames.NamePrefix(publish.NamePrefix ?? environment.NamePrefix);
        var report = new DeployReport(context.ReportingStep, context.Logger);
        var api = ClusterConnection.Open(switches);
        await DeleteDataConfirmation.RequireAsync(context, switches, @namespace, api.Server);
        await ServedApis.ReadAsync(api, context.CancellationToken);
        var instance = prefix + KustomizePublishing.LabelValue(context.Services.GetRequiredService<IHostEnvironment>().ApplicationName);
        await new ClusterTeardown(api, report, switches).RunAsync(@namespace, prefix, instance, context.CancellationToken);
    }
}

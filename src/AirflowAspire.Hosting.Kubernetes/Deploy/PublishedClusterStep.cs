using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AirflowAspire.Hosting.Kubernetes;

// The pipeline step API (ASPIREPIPELINES001) is experimental in Aspire 13.6.
#pragma warning disable ASPIREPIPELINES001

/// <summary>
/// What a step that works on the cluster with the tree publish settled in this run starts from: its switches, its
/// report, the API server and what it serves, and the tree rendered for that server.
/// </summary>
internal sealed record PublishedClusterStep(DeploySwitches Switches, DeployReport Report, ClusterApi Api, ServedApis Served, KubernetesTree Tree)
{
    /// <param name="step">The step's name, for the message when publish has not run in this run; deploy's by default.</param>
    public static async Task<PublishedClusterStep> OpenAsync(KustomizeEnvironmentResource environment, PipelineStepContext context, string? step = null)
    {
        var published = context.Services.GetRequiredService<KustomizePublications>().Of(environment, step);
        var configuration = context.Services.GetRequiredService<IConfiguration>();
        var args = context.Services.GetService<DistributedApplicationOptions>()?.Args;
        var switches = DeploySwitches.Read(configuration, args, environment);
        var report = new DeployReport(context.ReportingStep, context.Logger);
        var api = ClusterConnection.Open(switches);
        var served = await ServedApis.ReadAsync(api, context.CancellationToken);
        return new(switches, report, api, served, KustomizeDeploySteps.TreeFor(published, served.Features));
    }
}

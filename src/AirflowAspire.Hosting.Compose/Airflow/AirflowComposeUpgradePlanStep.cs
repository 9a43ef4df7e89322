using AirflowAspire.Hosting.Airflow;
using AirflowAspire.Hosting.Publishing;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Compose.Airflow;

// The pipeline step API (ASPIREPIPELINES001) is experimental in Aspire 13.6, and the only way to offer `aspire do <step>`.
#pragma warning disable ASPIREPIPELINES001

/// <summary>
/// The step <c>plan-upgrade-{name}</c> (<c>aspire do plan-upgrade-compose</c>), after <c>publish-{name}</c> and required
/// by no other: for each Airflow of the model, what <c>docker compose up -d</c> of the file just published would do to
/// the deployment Compose runs from that folder (or the project <c>--compose-project</c> names). Changes nothing but a
/// one-off container it removes again; fails (exit 1) when Airflow cannot migrate between the two releases.
/// </summary>
internal static class AirflowComposeUpgradePlanStep
{
    public const string ProjectSwitch = "compose-project";

    public static string StepName(ComposeEnvironmentResource environment) => $"plan-upgrade-{environment.Name}";

    public static EnvironmentStep Step(ComposeEnvironmentResource environment) => new(
        StepName(environment),
        $"Shows what `docker compose up -d` of '{environment.Name}' would change of the Airflow it runs: versions, upgrade path, migration SQL, options, order, and how to back up first. Changes nothing.",
        context => PlanAsync(environment, context),
        RequiredBy: null,
        environment.PublishStepName);

    private static async Task PlanAsync(ComposeEnvironmentResource environment, PipelineStepContext context)
    {
        var cancellationToken = context.CancellationToken;
        var configuration = context.Services.GetRequiredService<IConfiguration>();
        var args = context.Services.GetService<DistributedApplicationOptions>()?.Args;
        var project = ValueSwitch.Read(configuration, args, ProjectSwitch);
        var folder = OutputFolder.Of(context, environment, $"{ComposePublishStep.FileName} and {ComposeEnvFile.FileName}");
        var cli = await ComposeCli.FindAsync(cancellationToken);
        var deployment = await ComposeDeployment.ReadAsync(folder, project, cancellationToken);

        var unsupported = new List<string>();
        foreach (var airflow in context.Model.Resources.OfType<AirflowResource>())
        {
            var plan = await AirflowComposeUpgradePlan.MakeAsync(cli, deployment, folder, airflow, cancellationToken);
            foreach (var line in plan.Lines)
            {
                context.ReportingStep.Log(LogLevel.Information, line);
                Console.Out.WriteLine(line);
            }

            if (plan.Verdict is { Supported: false } verdict)
            {
                unsupported.Add($"Airflow '{airflow.Name}': {verdict.Text}");
            }
        }

        if (unsupported.Count > 0)
        {
            throw new DistributedApplicationException(string.Join("\n", unsupported));
        }

        var where = deployment is null ? $"no compose deployment runs from {folder}" : $"nothing changed in compose project {deployment.Project}";
        context.Summary.Add($"Upgrade plan ({environment.Name})", where);
    }
}

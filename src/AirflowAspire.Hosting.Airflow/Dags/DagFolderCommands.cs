using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AirflowAspire.Hosting.Airflow.Dags;

/// <summary>The dags resource's command: check the folder now, without waiting for a change.</summary>
internal static class DagFolderCommands
{
    public const string Validate = "airflow-validate-dags";

    public static void Add(IResourceBuilder<AirflowDagsResource> dags) =>
        dags.WithCommand(Validate, "Validate DAGs now", context => ValidateAsync(dags.Resource, context), new CommandOptions
        {
            Description = "Runs DagPackager's checks on the DAG folder now and shows what they found.",
            IconName = "CheckmarkCircle",
            UpdateState = _ => dags.Resource.Monitor is null ? ResourceCommandState.Disabled : ResourceCommandState.Enabled,
        });

    private static async Task<ExecuteCommandResult> ValidateAsync(AirflowDagsResource dags, ExecuteCommandContext context)
    {
        if (dags.Monitor is not { } monitor)
        {
            return CommandResults.Failure($"'{dags.Name}' has not started watching {dags.Folder} yet.");
        }

        var check = await monitor.CheckNowAsync(context.CancellationToken).ConfigureAwait(false);
        var findings = string.Join('\n', check.Findings.Select(f => f.ToString()));
        return check.Status == HealthStatus.Unhealthy
            ? CommandResults.Failure(check.Summary, findings, CommandResultFormat.Text)
            : CommandResults.Success(check.Summary, findings, CommandResultFormat.Text);
    }
}

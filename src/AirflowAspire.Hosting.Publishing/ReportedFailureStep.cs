using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;

namespace AirflowAspire.Hosting.Publishing;

// The pipeline step API (ASPIREPIPELINES001) is experimental in Aspire 13.6, and the only way to take part in `aspire publish`,
// `aspire deploy` and `aspire destroy`.
#pragma warning disable ASPIREPIPELINES001

/// <summary>
/// A pipeline step whose user errors read as a report. A <see cref="DistributedApplicationException"/>, whose message
/// names what is wrong and the fix, ends the step with that message: printed once on standard error, as the failure of
/// the step's <see cref="IReportingStep"/> (the aspire CLI shows it and fails the pipeline, whose state is the worst of
/// its steps), exit code 1, and the steps that depend on it do not run. Any other exception is a bug and goes on to
/// Aspire with its stack trace.
/// </summary>
/// <remarks>
/// Aspire 13.6 has no other way for a step to fail than to throw, and an exception thrown out of a step is logged with
/// its stack trace by the pipeline ("Step 'x' failed."), again by its PipelineExecutor, then, rethrown out of that
/// background service, by the host, once as <c>fail:</c> and once as <c>crit:</c>. The pipeline skips the steps that
/// depend on a step that threw; after a reported failure, <see cref="ReportedStepFailures"/> tells ours to skip.
/// </remarks>
internal static class ReportedFailureStep
{
    public static PipelineStep Create(string name, string description, Func<PipelineStepContext, Task> action, params string[] dependsOn) => new()
    {
        Name = name,
        Description = description,
        Action = context => RunAsync(name, dependsOn, action, context),
        DependsOnSteps = [.. dependsOn],
    };

    private static async Task RunAsync(string name, string[] dependsOn, Func<PipelineStepContext, Task> action, PipelineStepContext context)
    {
        var failures = context.Services.GetRequiredService<ReportedStepFailures>();
        if (failures.FirstFailed(dependsOn) is { } failed)
        {
            failures.DidNotRun(name);
            await context.ReportingStep.FailAsync($"Did not run: step '{failed}' failed.", context.CancellationToken);
            return;
        }

        try
        {
            await action(context);
        }
        catch (DistributedApplicationException e)
        {
            failures.Failed(name, e.Message);
            FailTheProcess();
            await context.ReportingStep.FailAsync(e.Message, context.CancellationToken);
            await Console.Error.WriteLineAsync(e.Message);
        }
        catch
        {
            FailTheProcess();
            throw;
        }
    }

    /// <summary>
    /// Run without its CLI (<c>dotnet run -- --operation publish</c>), Aspire 13.6 exits 0 after a failed step, reported
    /// or thrown, so a script or CI job would take it for a success; it leaves Environment.ExitCode alone.
    /// </summary>
    private static void FailTheProcess() => Environment.ExitCode = 1;
}

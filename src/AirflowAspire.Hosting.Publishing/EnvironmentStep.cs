using Aspire.Hosting.Pipelines;

namespace AirflowAspire.Hosting.Publishing;

// The pipeline step API (ASPIREPIPELINES001) is experimental in Aspire 13.6, and the only way to take part in `aspire publish`,
// `aspire deploy` and `aspire destroy`.
#pragma warning disable ASPIREPIPELINES001

/// <summary>
/// One pipeline step of a publishing environment: runs <paramref name="Action"/> after <paramref name="DependsOn"/>
/// and before <paramref name="RequiredBy"/> (one of Aspire's well-known steps; none for a step run only by name,
/// <c>aspire do &lt;step&gt;</c>), its user errors reported once
/// (see <see cref="ReportedFailureStep"/>).
/// </summary>
internal sealed record EnvironmentStep(
    string Name, string Description, Func<PipelineStepContext, Task> Action, string? RequiredBy, params string[] DependsOn)
{
    /// <summary>The annotation that adds <paramref name="steps"/> to every pipeline run.</summary>
    public static PipelineStepAnnotation Annotation(params EnvironmentStep[] steps) =>
        new(_ => steps.Select(s => s.Create()).ToArray());

    private PipelineStep Create()
    {
        var step = ReportedFailureStep.Create(Name, Description, Action, DependsOn);
        if (RequiredBy is not null)
        {
            step.RequiredBy(RequiredBy);
        }

        return step;
    }
}

using AirflowAspire.Hosting.Compose;
using AirflowAspire.Hosting.Publishing;
using Aspire.Hosting.Pipelines;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A docker-compose deployment of the whole model. Its pipeline step <c>publish-{name}</c> writes
/// <c>docker-compose.yaml</c>, the secrets it interpolates into a private <c>.env</c>, and a <c>.gitignore</c>
/// for it, into <c>{output path}/{name}</c>. Not an <c>IComputeEnvironmentResource</c> on purpose: beside another
/// of those Aspire would demand <c>WithComputeEnvironment</c> on every resource, and this one publishes them all.
/// </summary>
public sealed class ComposeEnvironmentResource : Resource
{
    public ComposeEnvironmentResource(string name)
        : base(name)
    {
        // Pipeline steps are experimental in Aspire 13.6 and the only way to take part in `aspire publish`.
#pragma warning disable ASPIREPIPELINES001
        var publish = new EnvironmentStep(
            PublishStepName,
            $"Writes the docker-compose deployment '{name}'.",
            context => ComposePublishStep.RunAsync(this, context),
            WellKnownPipelineSteps.Publish,
            WellKnownPipelineSteps.PublishPrereq);
        Annotations.Add(EnvironmentStep.Annotation([publish, .. ComposeTemplates.All.SelectMany(t => t.Steps(this))]));
#pragma warning restore ASPIREPIPELINES001
    }

    /// <summary>The step that writes the files: <c>publish-{name}</c>.</summary>
    public string PublishStepName => $"publish-{Name}";
}

using AirflowAspire.Hosting.Kubernetes;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Publishes the whole app model as a kustomize tree for <c>kubectl apply -k</c>, into
/// <c>&lt;output-path&gt;/&lt;name&gt;</c>, in its pipeline step <c>publish-&lt;name&gt;</c>. Deliberately not an
/// <see cref="IComputeEnvironmentResource"/>: it takes every container of the model, so it can sit beside another
/// environment without every resource having to choose one.
/// </summary>
public sealed class KustomizeEnvironmentResource : Resource
{
    public KustomizeEnvironmentResource(string name) : base(name)
    {
        Annotations.Add(KustomizePublishStep.Annotation(this));
    }

    /// <summary>The namespace set in the AppHost; <c>--namespace</c> wins over it.</summary>
    public string? Namespace { get; internal set; }

    /// <summary>The name prefix set in the AppHost; <c>--name-prefix</c> wins over it.</summary>
    public string? NamePrefix { get; internal set; }

    /// <summary>The name of the pipeline step that writes the tree.</summary>
    public string PublishStepName => $"publish-{Name}";
}

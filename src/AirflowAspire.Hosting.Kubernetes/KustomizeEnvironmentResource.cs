using AirflowAspire.Hosting.Kubernetes;
using AirflowAspire.Hosting.Publishing;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Publishes the whole app model as a kustomize tree for <c>kubectl apply -k</c>, into
/// <c>&lt;output-path&gt;/&lt;name&gt;</c>, in its pipeline step <c>publish-&lt;name&gt;</c>; applies it to a cluster in
/// <c>deploy-&lt;name&gt;</c> and deletes it again in <c>destroy-&lt;name&gt;</c>. Deliberately not an
/// <see cref="IComputeEnvironmentResource"/>: it takes every container of the model, so it can sit beside another
/// environment without every resource having to choose one.
/// </summary>
public sealed class KustomizeEnvironmentResource : Resource
{
    public KustomizeEnvironmentResource(string name) : base(name)
    {
        // Pipeline steps are experimental in Aspire 13.6 and the only way to take part in `aspire publish`, `deploy` and `destroy`.
#pragma warning disable ASPIREPIPELINES001
        Annotations.Add(EnvironmentStep.Annotation(
            [KustomizePublishStep.Step(this), KustomizeDeploySteps.Deploy(this), KustomizeDeploySteps.Destroy(this),
            .. KubernetesTemplates.Create().SelectMany(t => t.Steps(this))]));
#pragma warning restore ASPIREPIPELINES001
    }

    /// <summary>The namespace set in the AppHost; <c>--namespace</c> wins over it.</summary>
    public string? Namespace { get; internal set; }

    /// <summary>The name prefix set in the AppHost; <c>--name-prefix</c> wins over it.</summary>
    public string? NamePrefix { get; internal set; }

    /// <summary>The kubeconfig context deploy and destroy use; <c>--kube-context</c> wins over it, the current context is the default.</summary>
    public string? KubeContext { get; internal set; }

    /// <summary>How long deploy waits for the workloads; <c>--deploy-timeout</c> wins over it.</summary>
    public TimeSpan? DeployTimeout { get; internal set; }

    /// <summary>The name of the pipeline step that writes the tree.</summary>
    public string PublishStepName => $"publish-{Name}";

    /// <summary>The name of the pipeline step that applies the tree to the cluster (<c>aspire deploy</c>).</summary>
    public string DeployStepName => $"deploy-{Name}";

    /// <summary>The name of the pipeline step that deletes what deploy made (<c>aspire destroy</c>).</summary>
    public string DestroyStepName => $"destroy-{Name}";
}

using k8s;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>One YAML file of the published tree, e.g. <c>airflow/scheduler.yaml</c>, and the objects it holds.</summary>
/// <param name="Path">Relative to the output folder, with '/' separators.</param>
/// <param name="Objects">The objects, written in this order.</param>
internal sealed record KubernetesFile(string Path, IReadOnlyList<IKubernetesObject> Objects)
{
    /// <summary>Fields kustomize keeps in step with others of this file when it builds the tree.</summary>
    public IReadOnlyList<KustomizeReplacement> Replacements { get; init; } = [];
}

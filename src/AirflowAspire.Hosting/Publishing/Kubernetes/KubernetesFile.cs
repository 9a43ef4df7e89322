using k8s;

namespace AirflowAspire.Hosting.Publishing.Kubernetes;

/// <summary>One YAML file of the published tree, e.g. <c>airflow/scheduler.yaml</c>, and the objects it holds.</summary>
/// <param name="Path">Relative to the output folder, with '/' separators.</param>
internal sealed record KubernetesFile(string Path, IReadOnlyList<IKubernetesObject> Objects);

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>The published tree, rendered in memory: where it goes and every file's text.</summary>
/// <param name="Directory">The output folder, absolute.</param>
internal sealed record KubernetesTree(string Directory, IReadOnlyList<KubernetesTreeFile> Files);

/// <summary>One file of the tree.</summary>
/// <param name="Path">Relative to the output folder, with '/' separators.</param>
/// <param name="Secret">Holds secret values: readable only by its owner.</param>
internal sealed record KubernetesTreeFile(string Path, string Content, bool Secret = false);

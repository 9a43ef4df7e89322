namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>The published tree, rendered in memory: where it goes, every file's text, and the objects it builds to.</summary>
/// <param name="Directory">The output folder, absolute.</param>
/// <param name="Objects">What <c>kubectl kustomize</c> makes of the tree, which is what deploy applies.</param>
/// <param name="Target">Where the objects go and how they are labelled.</param>
/// <param name="Notes">What the rendering chose that the user should know, e.g. a layout for an older server.</param>
internal sealed record KubernetesTree(
    string Directory,
    IReadOnlyList<KubernetesTreeFile> Files,
    IReadOnlyList<System.Text.Json.Nodes.JsonObject> Objects,
    DeployTarget Target,
    IReadOnlyList<string> Notes);

/// <summary>Where a tree's objects go: the namespace, the name prefix, the instance label and the labels every object carries.</summary>
internal sealed record DeployTarget(string Namespace, string NamePrefix, string Instance, IReadOnlyDictionary<string, string> Labels);

/// <summary>One file of the tree.</summary>
/// <param name="Path">Relative to the output folder, with '/' separators.</param>
/// <param name="Secret">Holds secret values: readable only by its owner.</param>
internal sealed record KubernetesTreeFile(string Path, string Content, bool Secret = false);

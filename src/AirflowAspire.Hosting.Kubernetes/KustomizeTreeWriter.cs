using AirflowAspire.Hosting.Publishing;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Writes a tree rendered in memory: UTF-8 files, <c>secrets.env</c> readable by its owner only, and a
/// <c>.gitignore</c> that lists it (the folder's own, with the line added, when it has one).
/// </summary>
internal static class KustomizeTreeWriter
{
    public static async Task WriteAsync(KubernetesTree tree, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(tree.Directory);
        var gitIgnore = PublishedFiles.GitIgnoreListing(Path.Combine(tree.Directory, KubernetesRenderer.GitIgnoreFile), KubernetesSecret.EnvFile) is { } listing
            ? [new KubernetesTreeFile(KubernetesRenderer.GitIgnoreFile, listing)]
            : Array.Empty<KubernetesTreeFile>();
        foreach (var file in tree.Files.Concat(gitIgnore))
        {
            var path = Path.Combine(tree.Directory, file.Path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (file.Secret)
            {
                await PublishedFiles.WriteSecretAsync(path, file.Content, cancellationToken);
                continue;
            }

            await File.WriteAllTextAsync(path, file.Content, PublishedFiles.Utf8, cancellationToken);
        }
    }
}

using AirflowAspire.Hosting.Publishing;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>Writes a tree rendered in memory: UTF-8 files, <c>secrets.env</c> readable by its owner only.</summary>
internal static class KustomizeTreeWriter
{
    public static async Task WriteAsync(KubernetesTree tree, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(tree.Directory);
        foreach (var file in tree.Files)
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

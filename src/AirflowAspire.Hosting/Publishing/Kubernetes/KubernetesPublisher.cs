using AirflowAspire.Hosting.Integrations.Airflow;

namespace AirflowAspire.Hosting.Publishing.Kubernetes;

/// <summary>
/// <c>--publisher kubernetes</c>: writes a kustomize tree that deploys the whole model with
/// <c>kubectl apply -k &lt;dir&gt;</c>. Everything is rendered and checked in memory first; an error writes nothing.
/// </summary>
public sealed class KubernetesPublisher : IPublisher
{
    public const string PublisherName = "kubernetes";

    public string Name => PublisherName;

    public async Task PublishAsync(DistributedApplicationModel model, PublishingOptions options, CancellationToken cancellationToken)
    {
        var tree = KubernetesRenderer.Render(model, options);
        await WriteAsync(tree, cancellationToken);
        Console.Out.WriteLine($"Published Kubernetes manifests to: {tree.Directory}");
        Console.Out.WriteLine($"Deploy them with: kubectl apply -k {tree.Directory}");
        foreach (var airflow in model.Resources.OfType<AirflowResource>().Where(RunsAnImageWithoutDags))
        {
            Console.Out.WriteLine(
                $"Note: Airflow '{airflow.Name}' expects its DAGs baked into its image, but runs {airflow.Image.Reference}, which holds none. " +
                "Bake them with `dotnet run --project DagPackager -- build` and `release`, or deliver them with git-sync or a volume (WithDagDelivery).");
        }
    }

    private static bool RunsAnImageWithoutDags(AirflowResource airflow) =>
        airflow.DagDelivery is AirflowDagDelivery.BakedDelivery && !airflow.HasCustomImage;

    private static async Task WriteAsync(KubernetesTree tree, CancellationToken cancellationToken)
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

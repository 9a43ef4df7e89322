using System.Text;
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
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        Directory.CreateDirectory(tree.Directory);
        foreach (var file in tree.Files)
        {
            var path = Path.Combine(tree.Directory, file.Path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (file.Secret)
            {
                await WriteSecretAsync(path, file.Content, encoding, cancellationToken);
                continue;
            }

            await File.WriteAllTextAsync(path, file.Content, encoding, cancellationToken);
        }
    }

    /// <summary>Writes a file that only its owner may read, from the moment it exists.</summary>
    private static async Task WriteSecretAsync(string path, string content, Encoding encoding, CancellationToken cancellationToken)
    {
        var streamOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(path, streamOptions))
        {
            var bytes = encoding.GetBytes(content);
            await stream.WriteAsync(bytes, cancellationToken);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only to new files; an existing one keeps its mode unless told.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}

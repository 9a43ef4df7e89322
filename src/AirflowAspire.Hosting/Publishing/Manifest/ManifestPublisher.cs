using System.Text;

namespace AirflowAspire.Hosting.Publishing.Manifest;

/// <summary>
/// <c>--publisher manifest</c>: writes <c>aspire-manifest.json</c> for Aspire tools such as Aspirate. A path not
/// ending in <c>.json</c> is a folder. Prints nothing on stderr, which Aspirate takes as failure.
/// </summary>
public sealed class ManifestPublisher : IPublisher
{
    public const string FileName = "aspire-manifest.json";

    public string Name => "manifest";

    public async Task PublishAsync(DistributedApplicationModel model, PublishingOptions options, CancellationToken cancellationToken)
    {
        var path = ResolvePath(options.OutputPath);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var json = ManifestRenderer.Render(model, directory);
        await File.WriteAllTextAsync(path, json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
        Console.Out.WriteLine($"Published manifest to: {path}");
    }

    /// <summary>The file the manifest goes to, relative paths taken from the working directory.</summary>
    public static string ResolvePath(string? outputPath)
    {
        var full = Path.GetFullPath(string.IsNullOrWhiteSpace(outputPath) ? "." : outputPath);
        return full.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? full : Path.Combine(full, FileName);
    }
}

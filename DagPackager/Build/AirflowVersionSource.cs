using System.Text.Json;
using System.Text.RegularExpressions;

namespace AirflowAspire.DagPackager.Build;

/// <summary>The Airflow release to build on: its version (for the constraints file) and the official image's tag.</summary>
internal sealed record AirflowRelease(string Version, string ImageTag)
{
    public string BaseImage => $"{AirflowVersionSource.OfficialImage}:{ImageTag}";
}

/// <summary>
/// Finds the Airflow version "from the model": the tag of the official image that the Airflow components
/// (the containers named <c>*-scheduler</c>) run in an Aspire manifest, <c>--manifest</c> or the nearest
/// <c>aspire-manifest.json</c> from the project folder upward. <c>--airflow-version</c> overrides it.
/// </summary>
internal static partial class AirflowVersionSource
{
    public const string OfficialImage = "apache/airflow";
    public const string ManifestFileName = "aspire-manifest.json";

    /// <param name="imageLabel">Reads the Airflow version label of a local image; for a model that already runs a DagPackager image.</param>
    public static AirflowRelease Resolve(string projectDirectory, string? version, string? manifestPath, Func<string, string?>? imageLabel = null)
    {
        if (version is not null)
        {
            return Parse(version, "--airflow-version");
        }

        var manifest = manifestPath is not null ? Path.GetFullPath(manifestPath) : FindManifest(projectDirectory);
        if (manifest is null)
        {
            throw new PackagerError(
                $"No Airflow version: no {ManifestFileName} in {projectDirectory} or above it to read the model's Airflow image from. " +
                "Give --airflow-version (e.g. 3.2.2), or --manifest with the AppHost's published manifest.");
        }

        if (!File.Exists(manifest))
        {
            throw new PackagerError($"The manifest {manifest} does not exist.");
        }

        return FromManifest(manifest, imageLabel);
    }

    public static AirflowRelease Parse(string tag, string source)
    {
        var match = VersionTag().Match(tag);
        if (!match.Success)
        {
            throw new PackagerError($"'{tag}' ({source}) is not an Airflow version; write it as MAJOR.MINOR.PATCH, e.g. 3.2.2 or 2.11.0.");
        }

        return new AirflowRelease(match.Groups["version"].Value, tag);
    }

    private static string? FindManifest(string projectDirectory)
    {
        for (var directory = new DirectoryInfo(projectDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, ManifestFileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static AirflowRelease FromManifest(string manifest, Func<string, string?>? imageLabel)
    {
        JsonElement resources;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(manifest));
            resources = document.RootElement.GetProperty("resources").Clone();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new PackagerError($"{manifest} is not an Aspire manifest ({e.Message}); give --airflow-version instead.");
        }

        var releases = new List<AirflowRelease>();
        foreach (var resource in resources.EnumerateObject().Where(r => r.Name.EndsWith("-scheduler", StringComparison.Ordinal)))
        {
            if (resource.Value.ValueKind != JsonValueKind.Object || !resource.Value.TryGetProperty("image", out var image) || image.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            releases.Add(FromImage(image.GetString()!, resource.Name, manifest, imageLabel));
        }

        var distinct = releases.Distinct().ToList();
        return distinct.Count switch
        {
            1 => distinct[0],
            0 => throw new PackagerError(
                $"{manifest} has no Airflow scheduler container to read the Airflow version from; give --airflow-version (e.g. 3.2.2)."),
            _ => throw new PackagerError(
                $"{manifest} runs several Airflow versions ({string.Join(", ", distinct.Select(r => r.ImageTag))}); choose one with --airflow-version."),
        };
    }

    private static AirflowRelease FromImage(string image, string resource, string manifest, Func<string, string?>? imageLabel)
    {
        var lastSlash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        var name = colon > lastSlash ? image[..colon] : image;
        var tag = colon > lastSlash ? image[(colon + 1)..] : "latest";
        if (name == OfficialImage || name.EndsWith("/" + OfficialImage, StringComparison.Ordinal))
        {
            return Parse(tag, $"the image of '{resource}' in {manifest}");
        }

        // A model that already runs a DagPackager image: its label says which Airflow it was built on.
        if (imageLabel?.Invoke(image) is { Length: > 0 } labelled)
        {
            return Parse(labelled, $"the label {ImageLabels.AirflowVersion} of {image}");
        }

        throw new PackagerError(
            $"'{resource}' in {manifest} runs {image}, not the official {OfficialImage} image, and no local image of that name " +
            $"carries the label {ImageLabels.AirflowVersion}; give --airflow-version.");
    }

    // The constraints branch is constraints-MAJOR.MINOR.PATCH; an image tag may add a suffix such as -python3.12.
    [GeneratedRegex(@"^(?<version>\d+\.\d+\.\d+(?:(?:a|b|rc)\d+)?)(?:-[A-Za-z0-9_.-]+)?$")]
    private static partial Regex VersionTag();
}

using System.Text.Json;

namespace AirflowAspire.Hosting.Airflow;

/// <summary>
/// <c>dags.lock.json</c>, which <c>dag-packager release</c> writes: <c>{"image", "tag", "dagHash", "airflowVersion"}</c>.
/// At Build(), when the AppHost folder holds one (or WithDagImageLock names one) and the model did not call
/// WithImage, every Airflow component runs the locked image, so local runs and publishers use the released DAGs.
/// </summary>
internal static class AirflowDagImageLock
{
    public const string FileName = "dags.lock.json";

    /// <summary>Points the Airflow resource at the locked image and records the lock on it.</summary>
    public static void Apply(string path, bool isExplicit, AirflowResource airflow)
    {
        if (!File.Exists(path))
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Name}': the DAG image lock {path} does not exist; write it with `dag-packager release <image:tag> --lock {path}`.");
        }

        var (image, version) = Read(path, airflow.Name);
        airflow.Image = image;
        airflow.HasCustomImage = true;
        foreach (var previous in airflow.Annotations.OfType<AirflowDagImageLockAnnotation>().ToList())
        {
            airflow.Annotations.Remove(previous);
        }

        airflow.Annotations.Add(new AirflowDagImageLockAnnotation(path, version, isExplicit));
    }

    /// <summary>Throws when the locked image was built on another Airflow than the model runs.</summary>
    public static void ThrowIfVersionDiffers(AirflowResource airflow)
    {
        if (airflow.Annotations.OfType<AirflowDagImageLockAnnotation>().LastOrDefault() is { LockedVersion: { } locked, Path: var path }
            && locked != airflow.Version)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Name}': the DAG image in {path} was built on Airflow {locked}, but the model runs {airflow.Version}; " +
                $"add .WithVersion(\"{locked}\"), or build and release the DAGs again for {airflow.Version}.");
        }
    }

    private static (AirflowImage Image, AirflowVersion? Version) Read(string path, string resourceName)
    {
        string Malformed(string why) =>
            $"Airflow '{resourceName}': the DAG image lock {path} is malformed: {why}. `dag-packager release <image:tag>` writes it; run it again, or delete the file.";

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new DistributedApplicationException(Malformed($"not JSON ({e.Message})"));
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new DistributedApplicationException(Malformed("not a JSON object"));
        }

        string? Text(string property, bool required)
        {
            if (!root.TryGetProperty(property, out var value))
            {
                return required ? throw new DistributedApplicationException(Malformed($"no \"{property}\"")) : null;
            }

            return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                ? text
                : throw new DistributedApplicationException(Malformed($"\"{property}\" is not a non-empty string"));
        }

        var image = Text("image", required: true)!;
        var tag = Text("tag", required: true)!;
        var airflowVersion = Text("airflowVersion", required: false);
        ImageReference reference;
        AirflowVersion? version;
        try
        {
            reference = ImageReference.Parse($"{image}:{tag}", resourceName);
            version = airflowVersion is null ? null : AirflowVersion.Parse(airflowVersion, resourceName);
        }
        catch (DistributedApplicationException e)
        {
            throw new DistributedApplicationException(Malformed(e.Message));
        }

        if (reference.Image.Contains(':') || reference.Tag != tag)
        {
            throw new DistributedApplicationException(Malformed($"\"image\" must be a repository without a tag, not '{image}'"));
        }

        return (new AirflowImage(reference.Registry, reference.Image, tag), version);
    }
}

using System.Text.Json;
using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Integrations.Airflow;

/// <summary>A DAG image lock file named with WithDagImageLock (an absolute path).</summary>
public sealed record AirflowDagImageLockAnnotation(string Path) : IResourceAnnotation;

/// <summary>
/// <c>dags.lock.json</c>, which <c>dag-packager release</c> writes: <c>{"image", "tag", "dagHash", "airflowVersion"}</c>.
/// At Build(), when the AppHost folder holds one (or WithDagImageLock names one) and the model did not call
/// WithImage, every Airflow component runs the locked image, so local runs and publishers use the released DAGs.
/// </summary>
internal static class AirflowDagImageLock
{
    public const string FileName = "dags.lock.json";

    public static void Apply(IDistributedApplicationBuilder builder, AirflowResource airflow)
    {
        var named = airflow.Annotations.OfType<AirflowDagImageLockAnnotation>().LastOrDefault();
        var path = named?.Path ?? Path.Combine(builder.AppHostDirectory, FileName);
        if (named is null && (airflow.HasCustomImage || !File.Exists(path)))
        {
            return; // WithImage wins over a lock that merely lies in the AppHost folder.
        }

        if (airflow.HasCustomImage)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Name}' sets both WithImage(...) and WithDagImageLock(\"{named!.Path}\"); keep one.");
        }

        if (!File.Exists(path))
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Name}': the DAG image lock {path} does not exist; write it with `dag-packager release <image:tag> --lock {path}`.");
        }

        var (image, version) = Read(path, airflow.Name);
        if (version is not null && version != airflow.Version)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Name}': the DAG image in {path} was built on Airflow {version}, but the model runs {airflow.Version}; " +
                $"add .WithVersion(\"{version}\"), or build and release the DAGs again for {airflow.Version}.");
        }

        airflow.SetImage(image);
    }

    private static (ContainerImageAnnotation Image, AirflowVersion? Version) Read(string path, string resourceName)
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

        return (new ContainerImageAnnotation(reference.Image, tag, reference.Registry), version);
    }
}

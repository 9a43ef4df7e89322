namespace AirflowAspire.Hosting.Compose;

/// <summary>
/// A container's image as the official images are addressed: <c>postgres:17.6</c>, <c>apache/airflow:3.2.2</c>;
/// other registries in full, a digest when the model pins one.
/// </summary>
internal static class ComposeImage
{
    private const string OfficialPrefix = "library/";

    public static string Reference(ContainerResource container)
    {
        var image = container.Annotations.OfType<ContainerImageAnnotation>().LastOrDefault()
            ?? throw new DistributedApplicationException(
                $"'{container.Name}' has no image; the compose publisher writes images only (build them and give the tag with WithImage).");
        var dockerHub = image.Registry is null or "docker.io";
        var name = !dockerHub ? $"{image.Registry}/{image.Image}"
            : image.Image.StartsWith(OfficialPrefix, StringComparison.Ordinal) ? image.Image[OfficialPrefix.Length..]
            : image.Image;
        return image.SHA256 is { Length: > 0 } digest ? $"{name}@sha256:{digest}"
            : $"{name}:{(string.IsNullOrEmpty(image.Tag) ? "latest" : image.Tag)}";
    }
}

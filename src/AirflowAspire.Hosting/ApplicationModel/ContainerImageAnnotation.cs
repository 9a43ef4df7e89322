namespace AirflowAspire.Hosting.ApplicationModel;

/// <summary>The image a container runs, e.g. registry <c>docker.io</c>, image <c>library/postgres</c>, tag <c>17.6</c>.</summary>
public sealed record ContainerImageAnnotation(string Image, string Tag, string? Registry = null) : IResourceAnnotation
{
    /// <summary>The full reference, e.g. <c>docker.io/library/postgres:17.6</c>.</summary>
    public string Reference => (Registry is null ? Image : $"{Registry}/{Image}") + ":" + Tag;
}

/// <summary>Replaces the image's entrypoint.</summary>
public sealed record ContainerEntrypointAnnotation(string Entrypoint) : IResourceAnnotation;

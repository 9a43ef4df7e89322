using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting;

/// <summary>Adds containers and sets their image, entrypoint, mounts and replicas.</summary>
public static class ContainerResourceBuilderExtensions
{
    /// <summary>A container; the tag comes from <paramref name="tag"/>, else from <paramref name="image"/>, else <c>latest</c>.</summary>
    public static IResourceBuilder<ContainerResource> AddContainer(
        this IDistributedApplicationBuilder builder, string name, string image, string? tag = null) =>
        builder.AddResource(new ContainerResource(name)).WithImage(image, tag);

    /// <summary>Sets the image; <paramref name="image"/> may carry a registry (<c>ghcr.io/org/airflow</c>) and a tag.</summary>
    public static IResourceBuilder<T> WithImage<T>(this IResourceBuilder<T> builder, string image, string? tag = null)
        where T : ContainerResource
    {
        var parsed = ImageReference.Parse(image, builder.Resource.Name);
        var annotation = new ContainerImageAnnotation(parsed.Image, tag ?? parsed.Tag ?? "latest", parsed.Registry);
        return builder.ReplaceAnnotation(annotation);
    }

    public static IResourceBuilder<T> WithImageTag<T>(this IResourceBuilder<T> builder, string tag) where T : ContainerResource
    {
        ImageReference.ThrowIfInvalidTag(tag, builder.Resource.Name);
        return builder.ReplaceAnnotation(builder.Resource.Image with { Tag = tag });
    }

    public static IResourceBuilder<T> WithImageRegistry<T>(this IResourceBuilder<T> builder, string? registry) where T : ContainerResource =>
        builder.ReplaceAnnotation(builder.Resource.Image with { Registry = registry });

    public static IResourceBuilder<T> WithEntrypoint<T>(this IResourceBuilder<T> builder, string entrypoint) where T : ContainerResource =>
        builder.ReplaceAnnotation(new ContainerEntrypointAnnotation(entrypoint));

    /// <summary>A named volume; without a name it is <c>{app}-{resource}-{suffix of target}</c>, stable across runs.</summary>
    public static IResourceBuilder<T> WithVolume<T>(this IResourceBuilder<T> builder, string? name, string target, bool isReadOnly = false)
        where T : ContainerResource
    {
        var volumeName = name ?? $"{builder.ApplicationBuilder.ApplicationName}-{builder.Resource.Name}-{VolumeSuffix(target)}";
        return builder.WithAnnotation(new ContainerMountAnnotation(volumeName, target, ContainerMountType.Volume, isReadOnly));
    }

    /// <summary>Mounts a host folder; a relative <paramref name="source"/> is relative to the AppHost project.</summary>
    public static IResourceBuilder<T> WithBindMount<T>(this IResourceBuilder<T> builder, string source, string target, bool isReadOnly = false)
        where T : ContainerResource
    {
        var fullPath = Path.GetFullPath(Path.Combine(builder.ApplicationBuilder.AppHostDirectory, source));
        return builder.WithAnnotation(new ContainerMountAnnotation(fullPath, target, ContainerMountType.BindMount, isReadOnly));
    }

    public static IResourceBuilder<T> WithReplicas<T>(this IResourceBuilder<T> builder, int replicas) where T : ContainerResource
    {
        if (replicas < 1)
        {
            throw new DistributedApplicationException(
                $"Resource '{builder.Resource.Name}' was given {replicas} replicas; a container needs at least 1.");
        }

        return builder.ReplaceAnnotation(new ReplicaAnnotation(replicas));
    }

    /// <summary>Marks a resource that does its work and exits 0 (a migration); see <see cref="RunOnceAnnotation"/>.</summary>
    public static IResourceBuilder<T> AsRunOnce<T>(this IResourceBuilder<T> builder) where T : ContainerResource =>
        builder.ReplaceAnnotation(new RunOnceAnnotation());

    internal static IResourceBuilder<T> ReplaceAnnotation<T, TAnnotation>(this IResourceBuilder<T> builder, TAnnotation annotation)
        where T : IResource where TAnnotation : IResourceAnnotation
    {
        foreach (var existing in builder.Resource.Annotations.OfType<TAnnotation>().ToList())
        {
            builder.Resource.Annotations.Remove(existing);
        }

        return builder.WithAnnotation(annotation);
    }

    private static string VolumeSuffix(string target)
    {
        var suffix = ResourceNames.Sanitize(Path.GetFileName(target.TrimEnd('/')));
        return suffix.Length == 0 ? "data" : suffix;
    }

    /// <summary>CPU and memory for the container in a cluster: requests, and limits it may not exceed (no CPU limit when null).</summary>
    public static IResourceBuilder<T> WithComputeResources<T>(
        this IResourceBuilder<T> builder, string cpuRequest, string memoryRequest, string? cpuLimit, string memoryLimit) where T : ContainerResource
    {
        var resources = new ComputeResourcesAnnotation(cpuRequest, memoryRequest, cpuLimit, memoryLimit);
        resources.ThrowIfInvalid(builder.Resource.Name);
        foreach (var previous in builder.Resource.Annotations.OfType<ComputeResourcesAnnotation>().ToList())
        {
            builder.Resource.Annotations.Remove(previous);
        }

        return builder.WithAnnotation(resources);
    }

    /// <summary>The size (and storage class) in a cluster of the volume mounted at <paramref name="target"/>.</summary>
    public static IResourceBuilder<T> WithStorage<T>(this IResourceBuilder<T> builder, string target, string size, string? storageClass = null)
        where T : ContainerResource
    {
        if (!builder.Resource.GetMounts().Any(m => m.Target == target && m.Type == ContainerMountType.Volume))
        {
            throw new DistributedApplicationException(
                $"Resource '{builder.Resource.Name}' has no volume at '{target}' to size; add one with WithVolume first.");
        }

        new ComputeResourcesAnnotation("0", size, null, size).ThrowIfInvalid(builder.Resource.Name);
        foreach (var previous in builder.Resource.Annotations.OfType<PersistentStorageAnnotation>().Where(p => p.Target == target).ToList())
        {
            builder.Resource.Annotations.Remove(previous);
        }

        return builder.WithAnnotation(new PersistentStorageAnnotation(target, size, storageClass));
    }
}

namespace Aspire.Hosting;

/// <summary>What any container asks of a cluster: CPU and memory, and the size of its volumes.</summary>
public static class ClusterResourceBuilderExtensions
{
    /// <summary>CPU and memory for the container in a cluster: requests, and limits it may not exceed (no CPU limit when null).</summary>
    public static IResourceBuilder<T> WithComputeResources<T>(
        this IResourceBuilder<T> builder, string cpuRequest, string memoryRequest, string? cpuLimit, string memoryLimit) where T : ContainerResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        var resources = new ComputeResourcesAnnotation(cpuRequest, memoryRequest, cpuLimit, memoryLimit);
        resources.ThrowIfInvalid(builder.Resource.Name);
        return builder.WithAnnotation(resources, ResourceAnnotationMutationBehavior.Replace);
    }

    /// <summary>The size (and storage class) in a cluster of the volume mounted at <paramref name="target"/>.</summary>
    public static IResourceBuilder<T> WithStorage<T>(this IResourceBuilder<T> builder, string target, string size, string? storageClass = null)
        where T : ContainerResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Resource.Annotations.OfType<ContainerMountAnnotation>().Any(m => m.Target == target && m.Type == ContainerMountType.Volume))
        {
            throw new DistributedApplicationException(
                $"Resource '{builder.Resource.Name}' has no volume at '{target}' to size; add one first (e.g. WithDataVolume()).");
        }

        new ComputeResourcesAnnotation("0", size, null, size).ThrowIfInvalid(builder.Resource.Name);
        foreach (var previous in builder.Resource.Annotations.OfType<PersistentStorageAnnotation>().Where(p => p.Target == target).ToList())
        {
            builder.Resource.Annotations.Remove(previous);
        }

        return builder.WithAnnotation(new PersistentStorageAnnotation(target, size, storageClass));
    }
}

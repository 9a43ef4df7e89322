namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The numeric user and group the container's image runs as, e.g. 999:999 for the official postgres, redis
/// and rabbitmq images. Cluster publishers run the pod as that user (never root) and give the group its
/// volumes; without it they cannot tell that the image's user is not root.
/// </summary>
/// <param name="User">The uid the image's process runs as; not 0.</param>
/// <param name="Group">Its gid, which also owns the container's volumes.</param>
public sealed record ContainerUserAnnotation(long User, long Group) : IResourceAnnotation
{
    /// <summary>The user the official postgres, redis and rabbitmq images create for their server.</summary>
    public static ContainerUserAnnotation OfficialDataImage { get; } = new(999, 999);
}

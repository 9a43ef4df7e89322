namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// How big the volume mounted at <paramref name="Target"/> is in a cluster, and from which storage class
/// (null: the cluster's default). Local runs ignore it: a container runtime's volume grows as needed.
/// </summary>
public sealed record PersistentStorageAnnotation(string Target, string Size, string? StorageClass = null) : IResourceAnnotation;

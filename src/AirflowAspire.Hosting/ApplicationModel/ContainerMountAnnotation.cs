namespace AirflowAspire.Hosting.ApplicationModel;

public enum ContainerMountType
{
    /// <summary>A named volume the container runtime (or the cluster) owns; data survives restarts.</summary>
    Volume,

    /// <summary>A folder of the host, given as an absolute path.</summary>
    BindMount,
}

/// <summary>A volume or bind mount. <paramref name="Source"/> is the volume name or the absolute host path.</summary>
public sealed record ContainerMountAnnotation(string Source, string Target, ContainerMountType Type, bool IsReadOnly = false)
    : IResourceAnnotation;

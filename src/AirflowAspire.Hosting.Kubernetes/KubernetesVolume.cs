using AirflowAspire.Hosting.Publishing;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// A volume mount of a container as its pod sees it: the model's mount and storage (WithStorage), under a
/// pod-level name taken from the last folder of its target (<c>data</c>), made unique within the container.
/// The pod mounts it (<see cref="ContainerPods"/>) and a claim holds its data (<see cref="ContainerWorkloads"/>).
/// </summary>
internal sealed record KubernetesVolume(string Name, ContainerMountAnnotation Mount, PersistentStorageAnnotation? Storage)
{
    /// <summary>The container's volumes, each with a pod-level name taken from the last folder of its target (<c>data</c>).</summary>
    public static List<KubernetesVolume> Of(ContainerResource container)
    {
        var storage = container.Annotations.OfType<PersistentStorageAnnotation>().ToList();
        var volumes = new List<KubernetesVolume>();
        foreach (var mount in ContainerFacts.Mounts(container).Where(m => m.Type == ContainerMountType.Volume))
        {
            var stem = DnsLabel.Sanitize(Path.GetFileName(mount.Target.TrimEnd('/')));
            stem = stem.Length == 0 ? "data" : stem[..Math.Min(stem.Length, 40)].TrimEnd('-');
            var name = stem;
            for (var n = 2; volumes.Any(v => v.Name == name); n++)
            {
                name = $"{stem}-{n}";
            }

            volumes.Add(new KubernetesVolume(name, mount, storage.LastOrDefault(s => s.Target == mount.Target)));
        }

        return volumes;
    }
}

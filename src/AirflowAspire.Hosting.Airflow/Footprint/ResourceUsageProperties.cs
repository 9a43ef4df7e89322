using System.Collections.Immutable;

namespace AirflowAspire.Hosting.Airflow.Footprint;

/// <summary>The CPU and memory properties the dashboard shows on each container and, summed, on the <c>airflow</c> resource.</summary>
internal static class ResourceUsageProperties
{
    public const string Cpu = "resources.cpu";
    public const string Memory = "resources.memory";
    public const string ComponentsCpu = "resources.components-cpu";
    public const string ComponentsMemory = "resources.components-memory";

    private static readonly string[] Ours = [Cpu, Memory, ComponentsCpu, ComponentsMemory];

    public static ImmutableArray<ResourcePropertySnapshot> OfContainer(ImmutableArray<ResourcePropertySnapshot> current, ContainerUsage usage) =>
        With(current,
            Property(Cpu, "CPU (container runtime)", ContainerUsage.Cpu(usage.CpuPercent)),
            Property(Memory, "Memory (container runtime)", ContainerUsage.Memory(usage.MemoryBytes)));

    public static ImmutableArray<ResourcePropertySnapshot> OfComponents(ImmutableArray<ResourcePropertySnapshot> current, IReadOnlyCollection<ContainerUsage> usages) =>
        With(current,
            Property(ComponentsCpu, $"CPU ({usages.Count} running components)", ContainerUsage.Cpu(usages.Sum(u => u.CpuPercent))),
            Property(ComponentsMemory, $"Memory ({usages.Count} running components)", ContainerUsage.Memory(usages.Sum(u => u.MemoryBytes))));

    public static bool Shows(ImmutableArray<ResourcePropertySnapshot> current) => current.Any(p => Ours.Contains(p.Name));

    public static ImmutableArray<ResourcePropertySnapshot> Without(ImmutableArray<ResourcePropertySnapshot> current) =>
        [.. current.Where(p => !Ours.Contains(p.Name))];

    private static ImmutableArray<ResourcePropertySnapshot> With(ImmutableArray<ResourcePropertySnapshot> current, params ResourcePropertySnapshot[] ours)
    {
        var names = ours.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        return [.. current.Where(p => !names.Contains(p.Name)), .. ours];
    }

    private static ResourcePropertySnapshot Property(string name, string displayName, string value) =>
        new(name, value) { DisplayName = displayName };
}

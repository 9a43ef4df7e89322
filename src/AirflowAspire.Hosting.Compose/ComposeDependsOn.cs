using YamlDotNet.RepresentationModel;

namespace AirflowAspire.Hosting.Compose;

/// <summary>
/// A service's <c>depends_on</c>, from its waits: WaitForCompletion as <c>service_completed_successfully</c>,
/// WaitFor as <c>service_healthy</c> when the other service has a compose health check and <c>service_started</c>
/// when not. A wait on a database is a wait on its server; a wait on what runs nothing (a parameter) is dropped.
/// </summary>
internal static class ComposeDependsOn
{
    public const string Started = "service_started";
    public const string Healthy = "service_healthy";
    public const string Completed = "service_completed_successfully";

    public static YamlMappingNode? For(ContainerResource container, IReadOnlySet<ContainerResource> services)
    {
        var conditions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var wait in container.Annotations.OfType<WaitAnnotation>())
        {
            if (Service(wait.Resource) is not { } target || ReferenceEquals(target, container) || !services.Contains(target))
            {
                continue;
            }

            var condition = Condition(wait.WaitType, target);
            if (!conditions.TryGetValue(target.Name, out var existing) || Strength(condition) > Strength(existing))
            {
                conditions[target.Name] = condition;
            }
        }

        if (conditions.Count == 0)
        {
            return null;
        }

        var dependsOn = new YamlMappingNode();
        foreach (var (name, condition) in conditions)
        {
            var entry = new YamlMappingNode();
            entry.Set("condition", condition);
            dependsOn.Set(name, entry);
        }

        return dependsOn;
    }

    /// <summary>Whether some service waits for <paramref name="container"/> to complete, so it runs once.</summary>
    public static bool IsAwaitedToComplete(ContainerResource container, IEnumerable<ContainerResource> services) =>
        services.SelectMany(s => s.Annotations.OfType<WaitAnnotation>())
            .Any(w => w.WaitType == WaitType.WaitForCompletion && ReferenceEquals(Service(w.Resource), container));

    /// <summary>The service whose state answers a wait on <paramref name="resource"/>; null when nothing runs.</summary>
    private static ContainerResource? Service(IResource resource) => resource switch
    {
        ContainerResource container => container,
        IResourceWithParent child => Service(child.Parent),
        _ => null,
    };

    private static string Condition(WaitType type, ContainerResource target) => type switch
    {
        WaitType.WaitForCompletion => Completed,
        WaitType.WaitUntilHealthy when KnownHealthChecks.For(target) is not null => Healthy,
        _ => Started,
    };

    private static int Strength(string condition) => condition switch
    {
        Completed => 2,
        Healthy => 1,
        _ => 0,
    };
}

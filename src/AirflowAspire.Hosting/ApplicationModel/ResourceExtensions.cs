namespace AirflowAspire.Hosting.ApplicationModel;

/// <summary>Reads a resource's annotations the way every renderer needs them.</summary>
public static class ResourceExtensions
{
    public static IReadOnlyDictionary<string, ReferenceExpression> GetEnvironmentVariables(
        this IResource resource, DistributedApplicationExecutionContext executionContext)
    {
        var context = new EnvironmentCallbackContext(executionContext);
        foreach (var annotation in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            annotation.Callback(context);
        }

        return context.EnvironmentVariables;
    }

    public static IReadOnlyList<ReferenceExpression> GetArgs(
        this IResource resource, DistributedApplicationExecutionContext executionContext)
    {
        var context = new CommandLineArgsCallbackContext(executionContext);
        foreach (var annotation in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            annotation.Callback(context);
        }

        return context.Args;
    }

    public static IReadOnlyList<EndpointAnnotation> GetEndpoints(this IResource resource) =>
        resource.Annotations.OfType<EndpointAnnotation>().ToList();

    public static IReadOnlyList<ContainerMountAnnotation> GetMounts(this IResource resource) =>
        resource.Annotations.OfType<ContainerMountAnnotation>().ToList();

    public static IReadOnlyList<WaitAnnotation> GetWaits(this IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>().ToList();

    public static IReadOnlyList<HealthCheckAnnotation> GetHealthChecks(this IResource resource) =>
        resource.Annotations.OfType<HealthCheckAnnotation>().ToList();

    public static IReadOnlyList<IResource> GetReferences(this IResource resource) =>
        resource.Annotations.OfType<ResourceRelationshipAnnotation>()
            .Where(r => r.Type == ResourceRelationshipAnnotation.Reference)
            .Select(r => r.Resource)
            .Distinct()
            .ToList();

    public static string? GetEntrypoint(this IResource resource) =>
        resource.Annotations.OfType<ContainerEntrypointAnnotation>().LastOrDefault()?.Entrypoint;

    public static int GetReplicas(this IResource resource) =>
        resource.Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1;

    public static bool IsRunOnce(this IResource resource) => resource.Annotations.OfType<RunOnceAnnotation>().Any();
}

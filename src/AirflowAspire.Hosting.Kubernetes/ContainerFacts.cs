namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>What the publisher reads of a container in Aspire's model: image, endpoints, mounts, replicas, entrypoint.</summary>
internal static class ContainerFacts
{
    /// <summary>The image as <c>[registry/]image:tag</c>, from its <see cref="ContainerImageAnnotation"/>.</summary>
    public static string Image(IResource resource) =>
        resource.TryGetContainerImageName(out var image) && image is not null
            ? image
            : throw new DistributedApplicationException($"'{resource.Name}' has no container image to publish; give it one with WithImage.");

    public static IReadOnlyList<EndpointAnnotation> Endpoints(IResource resource) =>
        [.. resource.Annotations.OfType<EndpointAnnotation>()];

    public static IReadOnlyList<ContainerMountAnnotation> Mounts(IResource resource) =>
        [.. resource.Annotations.OfType<ContainerMountAnnotation>()];

    public static int Replicas(IResource resource) => resource.GetReplicaCount();

    /// <summary>The entrypoint the model sets, or null for the image's own.</summary>
    public static string? Entrypoint(IResource resource) =>
        resource is ContainerResource { Entrypoint: { Length: > 0 } entrypoint } ? entrypoint : null;

    /// <summary>The port the container listens on for an endpoint; a Service exposes the same number.</summary>
    public static int TargetPort(IResource resource, EndpointAnnotation endpoint) =>
        endpoint.TargetPort ?? endpoint.Port
        ?? throw new DistributedApplicationException($"The endpoint '{endpoint.Name}' of '{resource.Name}' has no port to publish; give it a target port.");

    /// <summary>The endpoint's protocol as Kubernetes spells it: TCP or UDP.</summary>
    public static string Protocol(EndpointAnnotation endpoint) => endpoint.Protocol.ToString().ToUpperInvariant();

    /// <summary>Whether something waits for the container to finish: then it runs once, as a Job.</summary>
    public static bool RunsOnce(IResource resource, DistributedApplicationModel model) =>
        model.Resources.Any(r => r.Annotations.OfType<WaitAnnotation>().Any(w => w.Resource == resource && w.WaitType == WaitType.WaitForCompletion));
}

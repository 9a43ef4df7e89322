namespace AirflowAspire.Hosting.ApplicationModel;

/// <summary>A container: its image, entrypoint, arguments, environment, endpoints and mounts are annotations.</summary>
public class ContainerResource(string name) : Resource(name),
    IResourceWithEnvironment, IResourceWithArgs, IResourceWithEndpoints, IResourceWithWaitSupport
{
    public ContainerImageAnnotation Image =>
        Annotations.OfType<ContainerImageAnnotation>().LastOrDefault()
        ?? throw new DistributedApplicationException($"Container '{Name}' has no image: call WithImage(...) on it.");

    public EndpointReference GetEndpoint(string name) => new(this, name);
}

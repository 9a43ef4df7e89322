namespace AirflowAspire.Hosting.Airflow;

/// <summary>
/// On a resource taken out of the model before start because another runs in its place (a container that cannot
/// run on this machine, say): that replacement, and the endpoint its clients connect to instead, when it has one.
/// Airflow's connection settings and state follow the replacement.
/// </summary>
public sealed record ResourceReplacementAnnotation(IResource Replacement, EndpointReference? Endpoint) : IResourceAnnotation
{
    /// <summary>The state of a replacement that cannot run on this machine; Airflow counts it as a failure to start.</summary>
    public const string UnavailableState = "RuntimeUnavailable";

    /// <summary>What runs in the resource's place, or the resource itself.</summary>
    public static IResource Current(IResource resource) => Of(resource)?.Replacement ?? resource;

    /// <summary>The replacement's endpoint, when the resource was replaced by one with an endpoint.</summary>
    public static EndpointReference? EndpointOf(IResource resource) => Of(resource)?.Endpoint;

    private static ResourceReplacementAnnotation? Of(IResource resource) =>
        resource.Annotations.OfType<ResourceReplacementAnnotation>().LastOrDefault();
}

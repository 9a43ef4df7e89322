namespace AirflowAspire.Hosting.ApplicationModel;

/// <summary>The parts of an endpoint a value can refer to.</summary>
public enum EndpointProperty
{
    Host,
    Port,
    TargetPort,
    Url,
    Scheme,
}

/// <summary>Points at one named endpoint of a resource.</summary>
public sealed class EndpointReference(IResourceWithEndpoints resource, string endpointName)
{
    public IResourceWithEndpoints Resource { get; } = resource;

    public string EndpointName { get; } = endpointName;

    /// <summary>The endpoint this reference names; throws with the fix when the resource has no such endpoint.</summary>
    public EndpointAnnotation Endpoint =>
        Resource.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.Name == EndpointName)
        ?? throw new DistributedApplicationException(
            $"Resource '{Resource.Name}' has no endpoint named '{EndpointName}'. Its endpoints are: " +
            $"{string.Join(", ", Resource.Annotations.OfType<EndpointAnnotation>().Select(e => e.Name).DefaultIfEmpty("(none)"))}.");

    public EndpointReferenceExpression Property(EndpointProperty property) => new(this, property);

    public EndpointReferenceExpression Host => Property(EndpointProperty.Host);

    public EndpointReferenceExpression Port => Property(EndpointProperty.Port);

    public EndpointReferenceExpression TargetPort => Property(EndpointProperty.TargetPort);

    public EndpointReferenceExpression Url => Property(EndpointProperty.Url);
}

/// <summary>One property of an endpoint, as a value that renders itself.</summary>
public sealed class EndpointReferenceExpression(EndpointReference endpoint, EndpointProperty property) : IValueReference
{
    public EndpointReference Endpoint { get; } = endpoint;

    public EndpointProperty Property { get; } = property;

    public bool IsSecret => false;

    public IEnumerable<IResource> ReferencedResources => [Endpoint.Resource];

    /// <summary>
    /// The placeholder, e.g. <c>{db.bindings.tcp.port}</c>. Aspirate builds a URL only for a binding named
    /// <c>http</c>, so the URL of any other binding is composed as <c>scheme://host:targetPort</c>, which is
    /// what it means locally on the container network and in the cluster.
    /// </summary>
    public string ToManifestExpression() => Property == EndpointProperty.Url && Endpoint.EndpointName != "http"
        ? $"{Placeholder("scheme")}://{Placeholder("host")}:{Placeholder("targetPort")}"
        : Placeholder(Property switch
        {
            EndpointProperty.Host => "host",
            EndpointProperty.Port => "port",
            EndpointProperty.TargetPort => "targetPort",
            EndpointProperty.Url => "url",
            EndpointProperty.Scheme => "scheme",
            _ => throw new ArgumentOutOfRangeException(nameof(Property)),
        });

    private string Placeholder(string property) => $"{{{Endpoint.Resource.Name}.bindings.{Endpoint.EndpointName}.{property}}}";

    public string ToLocalValue(LocalRenderContext context)
    {
        var endpoint = Endpoint.Endpoint;
        var onNetwork = context.Consumer == LocalConsumer.ContainerNetwork;
        var host = onNetwork ? Endpoint.Resource.Name : "127.0.0.1";
        var port = onNetwork ? endpoint.TargetPort : context.HostPort(Endpoint.Resource, endpoint);
        return Render(endpoint, host, port);
    }

    public string ToClusterValue(ClusterRenderContext context)
    {
        var endpoint = Endpoint.Endpoint;
        return Render(endpoint, context.ServiceName(Endpoint.Resource), endpoint.TargetPort);
    }

    private string Render(EndpointAnnotation endpoint, string host, int port) => Property switch
    {
        EndpointProperty.Host => host,
        EndpointProperty.Port => port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        EndpointProperty.TargetPort => endpoint.TargetPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        EndpointProperty.Url => $"{endpoint.Scheme}://{host}:{port}",
        EndpointProperty.Scheme => endpoint.Scheme,
        _ => throw new ArgumentOutOfRangeException(nameof(Property)),
    };
}

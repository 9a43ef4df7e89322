namespace AirflowAspire.Hosting.ApplicationModel;

/// <summary>The connection string of a resource, as a value: <c>{name.connectionString}</c> in the manifest.</summary>
public sealed class ConnectionStringReference(IResourceWithConnectionString resource) : IValueReference
{
    public IResourceWithConnectionString Resource { get; } = resource;

    public bool IsSecret => Resource.ConnectionStringExpression.IsSecret;

    public IEnumerable<IResource> ReferencedResources => [Resource];

    public string ToManifestExpression() => $"{{{Resource.Name}.connectionString}}";

    public string ToLocalValue(LocalRenderContext context) => Resource.ConnectionStringExpression.ToLocalValue(context);

    public string ToClusterValue(ClusterRenderContext context) => Resource.ConnectionStringExpression.ToClusterValue(context);
}

namespace AirflowAspire.Hosting.Airflow.LocalFallback;

/// <summary>
/// A database or broker server run from the machine's own installation, standing in for an Aspire container
/// resource of the same name when no container runtime answers. Its endpoint <c>tcp</c> is not proxied.
/// </summary>
public sealed class LocalServerResource : ExecutableResource, IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public LocalServerResource(string name, string command, string workingDirectory, Func<EndpointReference, ReferenceExpression> connectionString)
        : base(name, command, workingDirectory)
    {
        Endpoint = new EndpointReference(this, EndpointName);
        ConnectionStringExpression = connectionString(Endpoint);
    }

    public EndpointReference Endpoint { get; }

    public ReferenceExpression ConnectionStringExpression { get; }
}

/// <summary>A resource that cannot run on this machine; its dashboard state says what to install.</summary>
public sealed class UnavailableResource(string name) : Resource(name)
{
    public const string State = ResourceReplacementAnnotation.UnavailableState;
}

/// <summary>
/// A database of a <see cref="LocalServerResource"/> Postgres, standing in for Aspire's <c>AddDatabase</c> resource of
/// the same name: the server's connection string with <c>Database=</c>, healthy once the server created it.
/// </summary>
public sealed class LocalDatabaseResource(string name, string databaseName, LocalServerResource server)
    : Resource(name), IResourceWithConnectionString, IResourceWithParent<LocalServerResource>
{
    public string DatabaseName { get; } = databaseName;

    public LocalServerResource Parent { get; } = server;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent.ConnectionStringExpression};Database={DatabaseName}");
}

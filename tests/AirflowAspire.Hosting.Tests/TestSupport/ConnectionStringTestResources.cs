using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Tests.TestSupport;

/// <summary>A database inside a server container, known to clients only by its connection string.</summary>
public sealed class TestDatabaseResource(string name, ReferenceExpression connectionString) : Resource(name), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression { get; } = connectionString;
}

/// <summary>A server container that clients reach through a connection string, like Postgres.</summary>
public sealed class TestServerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Host={GetEndpoint("tcp").Host};Port={GetEndpoint("tcp").Port}");
}

public static class TestResourceBuilderExtensions
{
    public static IResourceBuilder<TestDatabaseResource> AddTestDatabase(
        this IDistributedApplicationBuilder builder, string name, ReferenceExpression connectionString) =>
        builder.AddResource(new TestDatabaseResource(name, connectionString));

    public static IResourceBuilder<TestServerResource> AddTestServer(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new TestServerResource(name)).WithImage("docker.io/library/postgres:17.6").WithEndpoint("tcp", 5432);
}

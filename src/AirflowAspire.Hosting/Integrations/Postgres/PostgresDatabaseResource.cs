using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Integrations.Postgres;

/// <summary>A database inside a <see cref="PostgresServerResource"/>, created when the server first starts.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource server)
    : Resource(name), IResourceWithConnectionString, IResourceWithParent
{
    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Server { get; } = server;

    public IResource Parent => Server;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{new ConnectionStringReference(Server)};Database={DatabaseName}");
}

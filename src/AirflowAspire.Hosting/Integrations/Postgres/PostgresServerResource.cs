using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Integrations.Postgres;

/// <summary>A PostgreSQL server in the official postgres image.</summary>
public sealed class PostgresServerResource(string name, ParameterResource password) : ContainerResource(name), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";
    public const int DefaultPort = 5432;
    public const string DataPath = "/var/lib/postgresql/data";

    private readonly List<PostgresDatabaseResource> databases = [];

    /// <summary>The superuser the official image creates from POSTGRES_USER.</summary>
    public string UserName => "postgres";

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    public IReadOnlyList<PostgresDatabaseResource> Databases => databases;

    /// <summary>Npgsql's keyword form, as .NET clients expect.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Host};Port={PrimaryEndpoint.Port};Username={UserName};Password={PasswordParameter}");

    internal void AddDatabase(PostgresDatabaseResource database) => databases.Add(database);
}

using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Integrations.Postgres;
using AirflowAspire.Hosting.Publishing.Kubernetes;

// In the root namespace, as Aspire does, so an AppHost needs one using directive.
namespace AirflowAspire.Hosting;

public static class PostgresBuilderExtensions
{
    /// <summary>
    /// A PostgreSQL server with a generated superuser password, a data volume that survives restarts and a
    /// health check that passes only once the server accepts TCP connections (not during initdb).
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name, int? port = null)
    {
        ResourceNames.ThrowIfInvalid(name);
        var password = builder.AddGeneratedSecret($"{name}-password");
        var server = new PostgresServerResource(name, password.Resource);
        return builder.AddResource(server)
            .WithImage($"{PostgresContainerImageTags.Registry}/{PostgresContainerImageTags.Image}", PostgresContainerImageTags.Tag)
            .WithEndpoint(PostgresServerResource.PrimaryEndpointName, PostgresServerResource.DefaultPort, port)
            .WithEnvironment("POSTGRES_HOST_AUTH_METHOD", "scram-sha-256")
            .WithEnvironment("POSTGRES_INITDB_ARGS", "--auth-host=scram-sha-256 --auth-local=scram-sha-256")
            .WithEnvironment("POSTGRES_USER", server.UserName)
            .WithEnvironment("POSTGRES_PASSWORD", ReferenceExpression.Of(server.PasswordParameter))
            .WithEnvironment(context =>
            {
                // A persistent volume's root holds lost+found, and initdb wants an empty folder: keep the data one level down.
                if (context.ExecutionContext.PublisherName == KubernetesPublisher.PublisherName)
                {
                    context.EnvironmentVariables["PGDATA"] = PostgresServerResource.DataPath + "/pgdata";
                }
            })
            .WithVolume(name: null, PostgresServerResource.DataPath)
            .WithComputeResources(cpuRequest: "250m", memoryRequest: "256Mi", cpuLimit: null, memoryLimit: "1Gi")
            .WithAnnotation(ContainerUserAnnotation.OfficialDataImage)
            .WithAnnotation(PostgresLocalProcess.Annotation)
            .WithCommandHealthCheck(new CommandHealthCheckAnnotation(["pg_isready", "-h", "127.0.0.1", "-U", server.UserName])
            {
                Interval = TimeSpan.FromSeconds(10),
                Retries = 5,
                StartPeriod = TimeSpan.FromSeconds(5),
            });
    }

    /// <summary>
    /// A database the official image creates on first start (POSTGRES_DB). The image creates one database,
    /// so a server holds one; add another server for a second database.
    /// </summary>
    /// <param name="databaseName">Defaults to the resource name with '-' turned into '_'.</param>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        var dbName = databaseName ?? name.Replace('-', '_');
        if (server.Resource.Databases.FirstOrDefault() is { } existing)
        {
            throw new DistributedApplicationException(
                $"Postgres server '{server.Resource.Name}' already has database '{existing.DatabaseName}' (resource '{existing.Name}'); " +
                $"the postgres image creates one database per server. Add another server with AddPostgres for '{name}'.");
        }

        if (!PostgresIdentifier.IsValid(dbName))
        {
            throw new DistributedApplicationException(
                $"The database name '{dbName}' of resource '{name}' is not a plain PostgreSQL identifier: use lowercase letters, digits and '_', starting with a letter, at most 63 characters.");
        }

        var database = new PostgresDatabaseResource(name, dbName, server.Resource);
        var built = server.ApplicationBuilder.AddResource(database);
        server.Resource.AddDatabase(database);
        server.WithEnvironment("POSTGRES_DB", dbName);
        built.WithAnnotation(new ResourceRelationshipAnnotation(server.Resource, ResourceRelationshipAnnotation.Parent));
        return built;
    }

    /// <summary>Keeps data in the named volume <paramref name="name"/> instead of the generated one.</summary>
    public static IResourceBuilder<PostgresServerResource> WithDataVolume(this IResourceBuilder<PostgresServerResource> server, string name)
    {
        foreach (var volume in server.Resource.GetMounts().Where(m => m.Target == PostgresServerResource.DataPath).ToList())
        {
            server.Resource.Annotations.Remove(volume);
        }

        return server.WithVolume(name, PostgresServerResource.DataPath);
    }
}

using AirflowAspire.Hosting.Airflow;

namespace Aspire.Hosting;

/// <summary>
/// Airflow connections, variables and pools declared in the model, for every output: a local run, compose, the
/// kustomize tree and Aspire's manifest. Secrets in them are never written into a published file, a ConfigMap or a
/// process's arguments.
/// </summary>
public static class AirflowConnectionBuilderExtensions
{
    /// <summary>
    /// The connection <paramref name="id"/> (type <c>postgres</c>) to a database of Aspire's Postgres: host, port,
    /// user, password and the database as <c>schema</c>. Every component waits for the database where it runs locally;
    /// a published server creates the database on its first start unless it is the metadata database's server.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithConnection(
        this IResourceBuilder<AirflowResource> airflow, string id, IResourceBuilder<PostgresDatabaseResource> database)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        ArgumentNullException.ThrowIfNull(database);
        var server = database.Resource.Parent;
        var databaseName = database.Resource.DatabaseName;
        airflow.ApplicationBuilder.CreateResourceBuilder(server).WithEnvironment(context =>
        {
            // As WithDatabase does for the metadata database, which wins when both are on one server.
            if (context.ExecutionContext.IsPublishMode)
            {
                context.EnvironmentVariables.TryAdd("POSTGRES_DB", databaseName);
            }
        });
        return airflow.AddConnection(new AirflowConnection(id, "postgres", database.Resource)
        {
            Endpoint = () => ResourceReplacementAnnotation.EndpointOf(server) ?? server.PrimaryEndpoint,
            Login = (object?)server.UserNameParameter ?? "postgres",
            Password = server.PasswordParameter,
            Schema = databaseName,
        });
    }

    /// <summary>
    /// The connection <paramref name="id"/> (type <c>redis</c>) to Aspire's Redis: host, port and password (database 0).
    /// Redis stays on plain TCP in local runs, as for the Celery broker. Every component waits for it where it runs locally.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithConnection(
        this IResourceBuilder<AirflowResource> airflow, string id, IResourceBuilder<RedisResource> redis)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        ArgumentNullException.ThrowIfNull(redis);
#pragma warning disable ASPIRECERTIFICATES001 // see WithCeleryExecutor(redis)
        redis.WithoutHttpsCertificate();
#pragma warning restore ASPIRECERTIFICATES001
        var server = redis.Resource;
        return airflow.AddConnection(new AirflowConnection(id, "redis", server)
        {
            Endpoint = () => ResourceReplacementAnnotation.EndpointOf(server) ?? server.PrimaryEndpoint,
            Password = redis.Resource.PasswordParameter,
        });
    }

    /// <summary>
    /// The connection <paramref name="id"/> (type <c>amqp</c>) to Aspire's RabbitMQ: host, port, user and password.
    /// Every component waits for it where it runs locally.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithConnection(
        this IResourceBuilder<AirflowResource> airflow, string id, IResourceBuilder<RabbitMQServerResource> rabbitMQ)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        ArgumentNullException.ThrowIfNull(rabbitMQ);
        var server = rabbitMQ.Resource;
        return airflow.AddConnection(new AirflowConnection(id, "amqp", server)
        {
            Endpoint = () => ResourceReplacementAnnotation.EndpointOf(server) ?? server.PrimaryEndpoint,
            Login = (object?)server.UserNameParameter ?? "guest",
            Password = server.PasswordParameter,
        });
    }

    /// <summary>
    /// The connection <paramref name="id"/> of type <paramref name="connType"/> to any resource with a connection
    /// string, from the connection properties Aspire gives it (<c>Host</c>, <c>Port</c>, <c>Username</c>,
    /// <c>Password</c>, <c>DatabaseName</c>). A resource without a <c>Host</c> property (a plain connection string)
    /// cannot be taken apart: use <see cref="WithConnection(IResourceBuilder{AirflowResource}, string, string, string, int?, string?, IResourceBuilder{ParameterResource}?, string?)"/>.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithConnection(
        this IResourceBuilder<AirflowResource> airflow, string id, IResourceBuilder<IResourceWithConnectionString> resource, string connType)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        ArgumentNullException.ThrowIfNull(resource);
        ThrowIfNoConnType(airflow, id, connType);
        var properties = resource.Resource.GetConnectionProperties()
            .GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (object)g.Last().Value, StringComparer.OrdinalIgnoreCase);
        if (!properties.TryGetValue("Host", out var host))
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Resource.Name}': the connection '{id}' cannot be taken from '{resource.Resource.Name}', which gives no Host " +
                "property; declare it part by part with WithConnection(id, connType, host, port, login, password, schema).");
        }

        return airflow.AddConnection(new AirflowConnection(id, connType, resource.Resource is ConnectionStringResource ? null : resource.Resource)
        {
            Host = host,
            Port = properties.GetValueOrDefault("Port"),
            Login = properties.GetValueOrDefault("Username"),
            Password = properties.GetValueOrDefault("Password"),
            Schema = properties.GetValueOrDefault("DatabaseName"),
        });
    }

    /// <summary>
    /// The connection <paramref name="id"/> to something outside the model, part by part; the password, if any, is a
    /// parameter (<c>builder.AddParameter("warehouse-password", secret: true)</c>). Nothing waits for it.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithConnection(
        this IResourceBuilder<AirflowResource> airflow,
        string id,
        string connType,
        string host,
        int? port = null,
        string? login = null,
        IResourceBuilder<ParameterResource>? password = null,
        string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        ThrowIfNoConnType(airflow, id, connType);
        if (string.IsNullOrWhiteSpace(host))
        {
            throw new DistributedApplicationException($"Airflow '{airflow.Resource.Name}': the connection '{id}' needs a host.");
        }

        return airflow.AddConnection(new AirflowConnection(id, connType, resource: null)
        {
            Host = host,
            Port = port?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Login = login,
            Password = password?.Resource,
            Schema = schema,
        });
    }

    /// <summary>
    /// The Airflow variable <paramref name="key"/> with a plain value, as <c>AIRFLOW_VAR_{KEY}</c> in every component.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithVariable(this IResourceBuilder<AirflowResource> airflow, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        ArgumentNullException.ThrowIfNull(value);
        return airflow.AddVariable(key, value);
    }

    /// <summary>
    /// The Airflow variable <paramref name="key"/> with a parameter's value; a secret parameter stays out of every
    /// published file, as every other secret does.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithVariable(
        this IResourceBuilder<AirflowResource> airflow, string key, IResourceBuilder<ParameterResource> value)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        ArgumentNullException.ThrowIfNull(value);
        return airflow.AddVariable(key, value.Resource);
    }

    /// <summary>
    /// The pool <paramref name="name"/> with <paramref name="slots"/> slots, created or updated after each migration
    /// (<c>airflow pools set</c>) by the init: in a local run, compose and the Kubernetes migration Job.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithPool(
        this IResourceBuilder<AirflowResource> airflow, string name, int slots, string description = "")
    {
        ArgumentNullException.ThrowIfNull(airflow);
        ArgumentNullException.ThrowIfNull(description);
        var airflowName = airflow.Resource.Name;
        if (string.IsNullOrWhiteSpace(name) || name.Length > 256 || name.Any(char.IsControl))
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflowName}': the pool name '{name}' must be 1 to 256 characters, none of them control characters.");
        }

        if (slots < 0)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflowName}': the pool '{name}' was given {slots} slots; give 0 or more.");
        }

        if (description.Any(char.IsControl))
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflowName}': the description of the pool '{name}' holds a control character; write it on one line.");
        }

        if (airflow.Resource.Pools.Any(p => p.Name == name))
        {
            throw new DistributedApplicationException($"Airflow '{airflowName}' declares the pool '{name}' twice; keep one WithPool for it.");
        }

        airflow.Resource.AddPool(new AirflowPool(name, slots, description));
        return airflow;
    }

    internal static IResourceBuilder<AirflowResource> AddConnection(this IResourceBuilder<AirflowResource> airflow, AirflowConnection connection)
    {
        var airflowName = airflow.Resource.Name;
        AirflowConnection.ThrowIfInvalidId(connection.Id, airflowName, "connection id");
        if (airflow.Resource.Connections.FirstOrDefault(c => c.EnvironmentVariable == connection.EnvironmentVariable) is { } existing)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflowName}' declares the connection '{connection.Id}' twice (as '{existing.Id}' too: Airflow reads both from " +
                $"{connection.EnvironmentVariable}); keep one WithConnection for it.");
        }

        airflow.Resource.AddConnection(connection);
        if (connection.Resource is { } resource)
        {
            airflow.WithReferenceRelationship(resource);
        }

        return airflow.Sync();
    }

    private static IResourceBuilder<AirflowResource> AddVariable(this IResourceBuilder<AirflowResource> airflow, string key, object value)
    {
        var airflowName = airflow.Resource.Name;
        AirflowConnection.ThrowIfInvalidId(key, airflowName, "variable key");
        var variable = new AirflowVariable(key, value);
        if (airflow.Resource.Variables.FirstOrDefault(v => v.EnvironmentVariable == variable.EnvironmentVariable) is { } existing)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflowName}' declares the variable '{key}' twice (as '{existing.Key}' too: Airflow reads both from " +
                $"{variable.EnvironmentVariable}); keep one WithVariable for it.");
        }

        airflow.Resource.AddVariable(variable);
        return airflow;
    }

    internal static void ThrowIfNoConnType(IResourceBuilder<AirflowResource> airflow, string id, string connType)
    {
        if (string.IsNullOrWhiteSpace(connType) || connType.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')))
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Resource.Name}': the connection '{id}' needs Airflow's connection type, e.g. \"postgres\", \"mysql\", \"http\" " +
                $"(letters, digits, '_', '-', '.'); '{connType}' is not one.");
        }
    }
}

namespace AirflowAspire.Hosting.Publishing;

/// <summary>
/// The command, run inside the container, that tells whether the server behind one of Aspire's Postgres, Redis or
/// RabbitMQ resources accepts clients: Aspire's own health checks run inside the AppHost, so a published deployment
/// (a Kubernetes probe, a compose health check) needs one of its own. Argument form; a command that needs the
/// container's environment runs through <c>sh -c</c>.
/// </summary>
public static class DataServiceReadiness
{
    public const string Shell = "sh";

    /// <summary>The command for a resource, or null when it is not one of these servers.</summary>
    public static IReadOnlyList<string>? Command(IResource resource) => resource switch
    {
        // Ready once the server accepts TCP connections, which it does not while the image initialises the database.
        PostgresServerResource { UserNameParameter: null } => ["pg_isready", "-h", "127.0.0.1", "-U", "postgres"],
        PostgresServerResource => [Shell, "-c", "pg_isready -h 127.0.0.1 -U \"$POSTGRES_USER\""],

        // The container has the password in REDIS_PASSWORD when it has one.
        RedisResource { PasswordParameter: null } => [Shell, "-c", "redis-cli ping | grep -q PONG"],
        RedisResource => [Shell, "-c", "REDISCLI_AUTH=\"$REDIS_PASSWORD\" redis-cli ping | grep -q PONG"],

        RabbitMQServerResource => ["rabbitmq-diagnostics", "-q", "ping"],
        _ => null,
    };
}

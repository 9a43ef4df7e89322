using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace AirflowAspire.Hosting.Airflow.LocalFallback;

/// <summary>
/// Aspire's Postgres as the machine's PostgreSQL: <c>initdb</c> once into the data folder, then <c>postgres</c>
/// on a free port (as the unprivileged <c>postgres</c> user when the AppHost runs as root). Its first successful
/// check sets the password parameter's value on the user and creates the AddDatabase databases. Over TCP it listens
/// on loopback only and asks every user for the password (SCRAM); its Unix socket, which trusts, is in a folder only
/// the server's user may enter, and is itself for that user only.
/// </summary>
internal static class LocalPostgres
{
    private const string ServiceUser = "postgres";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static async Task<LocalServer> CreateAsync(PostgresServerResource server, IReadOnlyList<PostgresDatabaseResource> databases, string dataDirectory, CancellationToken cancellationToken)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "postgres")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var major) ? major : 0).FirstOrDefault()
            : null;
        if (bin is null)
        {
            return LocalServer.Unavailable(server.Name, "PostgreSQL is not installed: install Docker or Podman, or PostgreSQL (apt-get install postgresql).");
        }

        var user = server.UserNameParameter is { } userParameter ? await userParameter.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? ServiceUser : ServiceUser;
        var data = Path.Combine(dataDirectory, "data");
        Directory.CreateDirectory(dataDirectory);
        // The socket trusts whoever reaches it (initdb --auth-local=trust): only the server's user (and root) may.
        var socketDirectory = Path.Combine(dataDirectory, "socket");
        Directory.CreateDirectory(socketDirectory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(socketDirectory, OwnerOnly);
        }

        var asRoot = Environment.IsPrivilegedProcess;
        if (asRoot)
        {
            await LocalProcesses.RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", dataDirectory], cancellationToken).ConfigureAwait(false);
        }

        string[] AsServiceUser(string program, params string[] args) =>
            asRoot ? ["setpriv", $"--reuid={ServiceUser}", $"--regid={ServiceUser}", "--init-groups", "--", program, .. args] : [program, .. args];

        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            var initdb = AsServiceUser(Path.Combine(bin, "initdb"), "-D", data, "-U", user, "-E", "UTF8", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-instructions");
            await LocalProcesses.RunAsync(initdb[0], initdb[1..], cancellationToken).ConfigureAwait(false);
        }

        var password = server.PasswordParameter;
        var bootstrapped = false;
        var command = AsServiceUser(Path.Combine(bin, "postgres"));
        var local = LocalServer.Create(
            server.Name,
            command[0],
            dataDirectory,
            endpoint => ReferenceExpression.Create(
                $"Host={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)};Username={user};Password={password}"),
            port => [.. command[1..], "-D", data, "-p", $"{port}", "-h", "localhost", "-k", socketDirectory, "-c", "unix_socket_permissions=0700"],
            (_, _) => { },
            async (port, ct) =>
            {
                if (!bootstrapped)
                {
                    await BootstrapAsync(socketDirectory, port, user, await password.GetValueAsync(ct).ConfigureAwait(false) ?? "", databases, ct).ConfigureAwait(false);
                    bootstrapped = true;
                }

                var connection = new NpgsqlConnectionStringBuilder
                {
                    Host = "localhost", Port = port, Username = user, Password = await password.GetValueAsync(ct).ConfigureAwait(false),
                    Database = "postgres", Pooling = false, Timeout = 5,
                };
                await using var open = new NpgsqlConnection(connection.ConnectionString);
                await open.OpenAsync(ct).ConfigureAwait(false);
                await using var query = new NpgsqlCommand("SELECT 1", open);
                await query.ExecuteScalarAsync(ct).ConfigureAwait(false);
                return HealthCheckResult.Healthy();
            });
        return local with { Companions = [.. databases.Select(d => Database(d, (LocalServerResource)local.Resource))] };
    }

    /// <summary>Shown under the server, starting until the server's check (which creates the databases) passed.</summary>
    private static LocalServer Database(PostgresDatabaseResource database, LocalServerResource server)
    {
        var resource = new LocalDatabaseResource(database.Name, database.DatabaseName, server);
        resource.Annotations.Add(new ResourceSnapshotAnnotation(new CustomResourceSnapshot
        {
            ResourceType = "PostgresDatabase",
            State = KnownResourceStates.Starting,
            Properties = [],
        }));
        resource.Annotations.Add(new ResourceRelationshipAnnotation(server, "Parent"));
        return new LocalServer(resource, null);
    }

    /// <summary>Over the Unix socket (trusted): the user's password is the parameter's, and every database exists.</summary>
    private static async Task BootstrapAsync(string socketDirectory, int port, string user, string password, IReadOnlyList<PostgresDatabaseResource> databases, CancellationToken cancellationToken)
    {
        var socket = new NpgsqlConnectionStringBuilder
        {
            Host = socketDirectory, Port = port, Username = user, Database = "postgres", Pooling = false, Timeout = 5,
        };
        await using var connection = new NpgsqlConnection(socket.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var alter = new NpgsqlCommand($"ALTER ROLE \"{user.Replace("\"", "\"\"", StringComparison.Ordinal)}\" PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'", connection))
        {
            await alter.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var database in databases)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database.DatabaseName } } };
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

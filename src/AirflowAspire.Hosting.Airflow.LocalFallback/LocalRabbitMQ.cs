using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace AirflowAspire.Hosting.Airflow.LocalFallback;

/// <summary>
/// Aspire's RabbitMQ as the machine's <c>rabbitmq-server</c> on a free port, as a node of its own: its own node
/// name, distribution and epmd ports, Erlang cookie (HOME), and a fresh Mnesia folder each start, so the default
/// user gets the password parameter's current value through <c>RABBITMQ_DEFAULT_PASS</c>.
/// </summary>
internal static class LocalRabbitMQ
{
    private const string Program = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public static Task<LocalServer> CreateAsync(RabbitMQServerResource rabbit, string dataDirectory, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        if (!File.Exists(Program))
        {
            return Task.FromResult(LocalServer.Unavailable(rabbit.Name, "RabbitMQ is not installed: install Docker or Podman, or RabbitMQ (apt-get install rabbitmq-server)."));
        }

        var mnesia = Path.Combine(dataDirectory, "mnesia");
        if (Directory.Exists(mnesia))
        {
            Directory.Delete(mnesia, recursive: true);
        }

        Directory.CreateDirectory(mnesia);
        Directory.CreateDirectory(Path.Combine(dataDirectory, "log"));
        File.WriteAllText(Path.Combine(dataDirectory, "enabled_plugins"), "[].\n");
        var distributionPort = LocalProcesses.FreePort();
        var epmdPort = LocalProcesses.FreePort();
        object user = (object?)rabbit.UserNameParameter ?? "guest";
        var password = rabbit.PasswordParameter;
        var epmd = Epmd($"{rabbit.Name}-epmd", epmdPort, dataDirectory);
        var server = LocalServer.Create(
            rabbit.Name,
            Program,
            dataDirectory,
            endpoint => ReferenceExpression.Create(
                $"amqp://{(rabbit.UserNameParameter is { } u ? ReferenceExpression.Create($"{u}") : ReferenceExpression.Create($"guest"))}:{password}@{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.Port)}"),
            _ => [],
            (port, env) =>
            {
                env["HOME"] = dataDirectory;
                env["RABBITMQ_NODENAME"] = $"{rabbit.Name}-{port}@localhost";
                env["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
                env["RABBITMQ_NODE_PORT"] = $"{port}";
                env["RABBITMQ_DIST_PORT"] = $"{distributionPort}";
                env["ERL_EPMD_PORT"] = $"{epmdPort}";
                env["RABBITMQ_MNESIA_BASE"] = mnesia;
                env["RABBITMQ_LOG_BASE"] = Path.Combine(dataDirectory, "log");
                env["RABBITMQ_LOGS"] = "-";
                env["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(dataDirectory, "enabled_plugins");
                env["RABBITMQ_CONFIG_FILE"] = Path.Combine(dataDirectory, "rabbitmq");
                env["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(dataDirectory, "advanced.config");
                env["RABBITMQ_PID_FILE"] = Path.Combine(dataDirectory, "rabbitmq.pid");
                env["RABBITMQ_DEFAULT_USER"] = user;
                env["RABBITMQ_DEFAULT_PASS"] = password;
            },
            async (port, ct) =>
            {
                var factory = new ConnectionFactory
                {
                    HostName = "localhost",
                    Port = port,
                    UserName = user is ParameterResource u ? await u.GetValueAsync(ct).ConfigureAwait(false) ?? "guest" : (string)user,
                    Password = await password.GetValueAsync(ct).ConfigureAwait(false) ?? "",
                    RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
                    AutomaticRecoveryEnabled = false,
                };
                await using var connection = await factory.CreateConnectionAsync(ct).ConfigureAwait(false);
                return HealthCheckResult.Healthy();
            });
        server.Resource.Annotations.Add(new WaitAnnotation(epmd.Resource, WaitType.WaitUntilHealthy));
        epmd.Resource.Annotations.Add(new ResourceRelationshipAnnotation(server.Resource, "Parent"));
        return Task.FromResult(server with { Companions = [epmd] });
    }

    /// <summary>
    /// Erlang's port mapper in the foreground on the node's own port, so the orchestrator stops it with the
    /// server; RabbitMQ would otherwise start it as a daemon that outlives the AppHost.
    /// </summary>
    private static LocalServer Epmd(string name, int port, string dataDirectory) =>
        LocalServer.Create(
            name,
            LocalProcesses.FindOnPath("epmd") ?? "epmd",
            dataDirectory,
            endpoint => ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.Host)}:{endpoint.Property(EndpointProperty.Port)}"),
            chosen => ["-port", $"{chosen}"],
            (_, _) => { },
            async (chosen, ct) =>
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, chosen, ct).ConfigureAwait(false);
                return HealthCheckResult.Healthy();
            },
            port);
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Orchestration;
using AirflowAspire.Hosting.Orchestration.Processes;

namespace AirflowAspire.Hosting.Integrations.RabbitMQ;

/// <summary>
/// Runs an installed RabbitMQ when there is no container runtime: a node of its own (name, Erlang
/// distribution port, epmd port and cookie), so it neither meets a system RabbitMQ nor another app's, with
/// its data, logs and configuration in the state folder.
/// </summary>
internal static class RabbitMQLocalProcess
{
    private const string ScriptsFolder = "/usr/lib/rabbitmq/bin";

    public static LocalProcessAnnotation Annotation { get; } = new(CreatePlan);

    private static LocalProcessPlan CreatePlan(LocalProcessContext context)
    {
        var server = Path.Combine(ScriptsFolder, "rabbitmq-server");
        if (!File.Exists(server))
        {
            throw new WorkloadStartException(
                $"No container runtime: install docker or podman. '{context.Spec.InstanceName}' can run from a local RabbitMQ instead, " +
                $"but {server} does not exist: install it (apt-get install rabbitmq-server).");
        }

        var port = context.HostPort(RabbitMQServerResource.PrimaryEndpointName);
        var managementPort = context.Spec.Ports.FirstOrDefault(p => p.TargetPort == RabbitMQServerResource.ManagementPort)?.HostPort;
        var configuration = new LocalProcessFile(context.StatePath("rabbitmq.conf"), Configuration(managementPort));
        var credentials = new LocalProcessFile(context.StatePath("advanced.config"), Credentials(context));
        var plugins = new LocalProcessFile(context.StatePath("enabled_plugins"), managementPort is null ? "[].\n" : "[rabbitmq_management].\n");
        // The system's rabbitmq-env.conf would set the node name and paths; this empty one replaces it.
        var environmentFile = new LocalProcessFile(context.StatePath("rabbitmq-env.conf"), "");
        var environment = Environment(context, port, configuration, credentials, plugins, environmentFile);

        return new LocalProcessPlan
        {
            Process = new LocalProcessCommand(server, []) { Environment = environment },
            Files = [configuration, credentials, plugins, environmentFile],
            // The node answers ping seconds before its AMQP listener opens, so both are checked. They run
            // together, so they share one interval: the CLI boots an Erlang VM each time, which costs.
            HealthChecks =
            [
                new TcpHealthCheckAnnotation(RabbitMQServerResource.PrimaryEndpointName)
                {
                    Interval = TimeSpan.FromSeconds(10),
                    Timeout = TimeSpan.FromSeconds(5),
                    StartPeriod = TimeSpan.FromSeconds(20),
                    Retries = 10,
                },
                // Runs with the node's environment: its name, its epmd port, its cookie in HOME.
                new CommandHealthCheckAnnotation([Path.Combine(ScriptsFolder, "rabbitmq-diagnostics"), "-q", "ping"])
                {
                    Interval = TimeSpan.FromSeconds(10),
                    Timeout = TimeSpan.FromSeconds(15),
                    StartPeriod = TimeSpan.FromSeconds(20),
                    Retries = 10,
                },
            ],
        };
    }

    private static Dictionary<string, string> Environment(
        LocalProcessContext context, int port, LocalProcessFile configuration, LocalProcessFile credentials, LocalProcessFile plugins,
        LocalProcessFile environmentFile)
    {
        var internalPorts = FreePorts.Pick(2);
        return new Dictionary<string, string>
        {
            // The Erlang cookie is made in HOME on first start; CLI tools find it there with the same HOME.
            ["HOME"] = context.StateFolder,
            ["RABBITMQ_CONF_ENV_FILE"] = environmentFile.Path,
            ["RABBITMQ_NODENAME"] = NodeName(context),
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = internalPorts[0].ToString(CultureInfo.InvariantCulture),
            ["ERL_EPMD_PORT"] = internalPorts[1].ToString(CultureInfo.InvariantCulture),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            ["RABBITMQ_MNESIA_BASE"] = context.StatePath("mnesia"),
            ["RABBITMQ_LOG_BASE"] = context.StatePath("log"),
            ["RABBITMQ_LOGS"] = "-",
            ["RABBITMQ_CONFIG_FILE"] = configuration.Path,
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = credentials.Path,
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = plugins.Path,
        };
    }

    /// <summary>
    /// Unique to this state folder and stable across restarts: the data folder is named after the node, so
    /// another name would start from empty data.
    /// </summary>
    private static string NodeName(LocalProcessContext context)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(context.StateFolder)))[..8];
        return $"{context.Spec.InstanceName}-{hash}@localhost";
    }

    private static string Configuration(int? managementPort)
    {
        var lines = new List<string> { "log.console = true", "log.console.level = info", "log.file = false" };
        if (managementPort is { } management)
        {
            lines.Add("management.tcp.ip = 127.0.0.1");
            lines.Add($"management.tcp.port = {management.ToString(CultureInfo.InvariantCulture)}");
        }

        return string.Join('\n', lines) + "\n";
    }

    /// <summary>
    /// The default user in Erlang terms (advanced.config): rabbitmq.conf cannot hold every password (a '#'
    /// starts a comment there), an Erlang binary string can, once '\\' and '"' are escaped.
    /// </summary>
    private static string Credentials(LocalProcessContext context) =>
        "%% -*- coding: utf-8 -*-\n" +
        $"[{{rabbit, [{{default_user, {ErlangString(context.RequiredEnvironment("RABBITMQ_DEFAULT_USER"))}}}, " +
        $"{{default_pass, {ErlangString(context.RequiredEnvironment("RABBITMQ_DEFAULT_PASS"))}}}]}}].\n";

    private static string ErlangString(string value)
    {
        var escaped = new StringBuilder();
        foreach (var c in value)
        {
            escaped.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                < ' ' => $"\\x{{{(int)c:X2}}}",
                _ => c.ToString(),
            });
        }

        return $"<<\"{escaped}\"/utf8>>";
    }
}

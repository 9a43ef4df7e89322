using System.Globalization;
using System.Text;
using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Orchestration;
using AirflowAspire.Hosting.Orchestration.Processes;

namespace AirflowAspire.Hosting.Integrations.Redis;

/// <summary>
/// Runs an installed redis-server when there is no container runtime: on 127.0.0.1 and the host port,
/// with the password and append-only persistence in a configuration file only its user can read.
/// </summary>
internal static class RedisLocalProcess
{
    public static LocalProcessAnnotation Annotation { get; } = new(CreatePlan);

    private static LocalProcessPlan CreatePlan(LocalProcessContext context)
    {
        var server = Find(context, "redis-server");
        var client = Find(context, "redis-cli");
        var port = context.HostPort(RedisResource.PrimaryEndpointName);
        var password = context.RequiredEnvironment(RedisResource.PasswordVariable);
        var configuration = new LocalProcessFile(context.StatePath("redis.conf"), Configuration(port, password, context.StateFolder));

        return new LocalProcessPlan
        {
            Process = new LocalProcessCommand(server, [configuration.Path]),
            Files = [configuration],
            HealthChecks =
            [
                // redis-cli exits 0 on an error reply (NOAUTH), so the reply itself is checked.
                new CommandHealthCheckAnnotation([$"{ShellQuote(client)} -h 127.0.0.1 -p {port} ping | grep -q PONG"], UseShell: true)
                {
                    Interval = TimeSpan.FromSeconds(5),
                    Timeout = TimeSpan.FromSeconds(5),
                    StartPeriod = TimeSpan.FromSeconds(5),
                    Retries = 5,
                },
            ],
            // redis-cli reads the password from here, so it is in no command line.
            HealthCheckEnvironment = new Dictionary<string, string> { ["REDISCLI_AUTH"] = password },
        };
    }

    private static string Configuration(int port, string password, string folder) => string.Join('\n',
        $"port {port.ToString(CultureInfo.InvariantCulture)}",
        "bind 127.0.0.1",
        "protected-mode yes",
        $"requirepass {Quote(password)}",
        $"dir {Quote(folder)}",
        "appendonly yes",
        "save 60 1",
        "daemonize no",
        "logfile \"\"",
        "");

    /// <summary>A double-quoted string as redis.conf reads it (sdssplitargs): \\, \" and \xHH escapes.</summary>
    private static string Quote(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            quoted.Append(b switch
            {
                (byte)'\\' => "\\\\",
                (byte)'"' => "\\\"",
                < 0x20 or >= 0x7f => $"\\x{b:x2}",
                _ => ((char)b).ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''") + "'";

    private static string Find(LocalProcessContext context, string program) =>
        context.FindExecutable(program) ?? throw new WorkloadStartException(
            $"No container runtime: install docker or podman. '{context.Spec.InstanceName}' can run from a local Redis instead, " +
            $"but {program} is not on PATH: install it (apt-get install redis-server).");
}

using AirflowAspire.Orchestration.Tests.TestSupport;

namespace AirflowAspire.Orchestration.Tests.Processes;

/// <summary>The installed servers the process runtime tests run; ./test.sh installs them (eng/test-setup/30-servers.sh).</summary>
internal static class ServerTools
{
    public static string PostgresBin =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.EnumerateDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "postgres"))).Order().LastOrDefault() ?? ""
            : "";

    public static void RequirePostgres() =>
        RequiredTool.SkipOrFailIfMissing(PostgresBin.Length == 0, "PostgreSQL's server is not installed (apt-get install postgresql)");

    public static void RequireRedis() =>
        RequiredTool.SkipOrFailIfMissing(
            !File.Exists("/usr/bin/redis-server") || !File.Exists("/usr/bin/redis-cli"),
            "redis-server and redis-cli are not installed (apt-get install redis-server)");

    public static void RequireRabbitMQ() =>
        RequiredTool.SkipOrFailIfMissing(
            !File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server"),
            "RabbitMQ's server is not installed (apt-get install rabbitmq-server)");
}

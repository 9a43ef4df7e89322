using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Orchestration;

namespace AirflowAspire.Orchestration.Tests.Containers;

/// <summary>Workload specs written by hand the way the orchestrator renders the model's Redis and Postgres.</summary>
internal static class TestSpecs
{
    public const string PostgresUser = "airflow";
    public const string PostgresDatabase = "airflow";

    /// <summary>
    /// The Redis integration's container, with one change: <c>exec</c>, so the server is PID 1 and stops on
    /// SIGTERM instead of after the grace period.
    /// </summary>
    public static WorkloadSpec Redis(string password, int hostPort, string? volume = null) => new()
    {
        ResourceName = "redis",
        InstanceName = "redis",
        HostName = "redis",
        Image = TestImages.Redis,
        Entrypoint = "/bin/sh",
        Args = ["-c", "exec redis-server --requirepass \"$REDIS_PASSWORD\" --appendonly yes --save 60 1"],
        Environment = new Dictionary<string, string> { ["REDIS_PASSWORD"] = password },
        Ports = [new PortBinding("tcp", 6379, hostPort)],
        Mounts = volume is null ? [] : [new ContainerMountAnnotation(volume, "/data", ContainerMountType.Volume)],
    };

    /// <summary>The Postgres integration's container with its database.</summary>
    public static WorkloadSpec Postgres(string password, int hostPort, string volume) => new()
    {
        ResourceName = "postgres",
        InstanceName = "postgres",
        HostName = "postgres",
        Image = TestImages.Postgres,
        Environment = new Dictionary<string, string>
        {
            ["POSTGRES_HOST_AUTH_METHOD"] = "scram-sha-256",
            ["POSTGRES_INITDB_ARGS"] = "--auth-host=scram-sha-256 --auth-local=scram-sha-256",
            ["POSTGRES_USER"] = PostgresUser,
            ["POSTGRES_PASSWORD"] = password,
            ["POSTGRES_DB"] = PostgresDatabase,
        },
        Ports = [new PortBinding("tcp", 5432, hostPort)],
        Mounts = [new ContainerMountAnnotation(volume, "/var/lib/postgresql/data", ContainerMountType.Volume)],
    };

    /// <summary>A shell script in the Debian test image.</summary>
    public static WorkloadSpec Shell(string resourceName, string script) => new()
    {
        ResourceName = resourceName,
        InstanceName = resourceName,
        HostName = resourceName,
        Image = TestImages.Debian,
        Entrypoint = "/bin/sh",
        Args = ["-c", script],
    };

    public static readonly string[] PostgresReady = ["pg_isready", "-h", "127.0.0.1", "-U", PostgresUser];

    /// <summary>psql inside the container, over TCP with the password from the container's environment.</summary>
    public static string[] Psql(string sql) =>
        [$"PGPASSWORD=\"$POSTGRES_PASSWORD\" psql -h 127.0.0.1 -U {PostgresUser} -d {PostgresDatabase} -v ON_ERROR_STOP=1 -tAc \"{sql}\""];

    public static string NewSecret() => "s3cret-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
}

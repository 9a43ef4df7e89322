using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Orchestration;
using AirflowAspire.Hosting.Orchestration.Processes;

namespace AirflowAspire.Hosting.Integrations.Postgres;

/// <summary>
/// Runs the server from an installed PostgreSQL when there is no container runtime, the way the official
/// image does: initdb on first start (superuser and password from the environment, scram-sha-256), the
/// database of POSTGRES_DB created before the server listens on TCP, so being reachable means being ready.
/// </summary>
internal static class PostgresLocalProcess
{
    private const string DataFolder = "data";

    // A Unix socket path is at most 107 bytes; a deep state folder gets no socket (clients use TCP anyway).
    private const int MaxSocketPath = 100;

    public static LocalProcessAnnotation Annotation { get; } = new(CreatePlan);

    private static LocalProcessPlan CreatePlan(LocalProcessContext context)
    {
        var data = context.StatePath(DataFolder);
        var binaries = PostgresLocalProcessBinaries.Find(context, data);
        var port = context.HostPort(PostgresServerResource.PrimaryEndpointName);
        var user = context.RequiredEnvironment("POSTGRES_USER");
        var socketFolder = context.StatePath($".s.PGSQL.{port}").Length <= MaxSocketPath ? context.StateFolder : "";
        var isInitialized = File.Exists(Path.Combine(data, "PG_VERSION"));

        return new LocalProcessPlan
        {
            Process = new LocalProcessCommand(binaries.Path("postgres"),
                ["-D", data, "-p", $"{port}", "-k", socketFolder, "-c", "listen_addresses=127.0.0.1"]),
            Files = isInitialized ? [] : [PasswordFile(context)],
            Setup = isInitialized ? [] : Initialization(context, binaries, user, data),
            HealthChecks =
            [
                new CommandHealthCheckAnnotation([binaries.Path("pg_isready"), "-q", "-h", "127.0.0.1", "-p", $"{port}", "-U", user])
                {
                    Interval = TimeSpan.FromSeconds(5),
                    Timeout = TimeSpan.FromSeconds(5),
                    StartPeriod = TimeSpan.FromSeconds(5),
                    Retries = 5,
                },
            ],
            RunsAsUnprivilegedUser = true,
            StopSignal = ProcessStopSignal.Interrupt,
        };
    }

    private static LocalProcessFile PasswordFile(LocalProcessContext context) =>
        new(context.StatePath("initdb-password"), context.RequiredEnvironment("POSTGRES_PASSWORD")) { RemoveAfterSetup = true };

    /// <summary>
    /// initdb into a side folder, the database created in single-user mode, then the folder moved into
    /// place: a first start that is interrupted leaves no half-made data folder that later starts would trust.
    /// </summary>
    private static IReadOnlyList<LocalProcessCommand> Initialization(
        LocalProcessContext context, PostgresLocalProcessBinaries binaries, string user, string data)
    {
        var staging = data + ".initializing";
        var steps = new List<LocalProcessCommand>
        {
            new("rm", ["-rf", staging]),
            new(binaries.Path("initdb"),
            [
                "-D", staging, "--username", user, "--pwfile", PasswordFile(context).Path,
                "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "--encoding=UTF8", "--locale=C",
            ]),
        };
        if (context.Spec.Environment.GetValueOrDefault("POSTGRES_DB") is { Length: > 0 } database && database != user)
        {
            // The model only allows plain identifiers (PostgresIdentifier), so the name needs no escaping.
            steps.Add(new LocalProcessCommand(binaries.Path("postgres"), ["--single", "-D", staging, "postgres"])
            {
                StandardInput = $"CREATE DATABASE \"{database}\";\n",
            });
        }

        steps.Add(new LocalProcessCommand("mv", [staging, data]));
        return steps;
    }
}

using System.Runtime.Versioning;
using AirflowAspire.Hosting;
using AirflowAspire.Hosting.Orchestration.Processes;
using AirflowAspire.Orchestration.Tests.TestSupport;
using Xunit.Abstractions;

namespace AirflowAspire.Orchestration.Tests.Processes;

[SupportedOSPlatform("linux")]
public sealed class PostgresLocalProcessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan HealthyWithin = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private static readonly Action<IDistributedApplicationBuilder> Declare =
        builder => builder.AddPostgres("postgres").AddDatabase("airflow-db", databaseName: "airflow");

    private static string Password => LocalProcessTestApp.ParameterValuePrefix + "postgres-password";

    [SkippableFact]
    public async Task Serves_the_database_with_the_password_and_keeps_its_data_across_restarts_and_a_killed_run()
    {
        ServerTools.RequirePostgres();
        await using var app = LocalProcessTestApp.Create(Declare);

        var (first, firstStart) = await app.StartHealthyAsync("postgres", new CollectingWorkloadLog(), HealthyWithin);
        output.WriteLine($"postgres, first start (initdb included): healthy {firstStart.TotalSeconds:0.00} s after StartAsync");
        var port = first.Spec.Ports.Single().HostPort;

        Assert.Equal((0, ""), await Psql.RunAsync(port, "postgres", Password, "airflow", "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('survives')"));
        var refused = await Psql.RunAsync(port, "postgres", "wrong", "airflow", "SELECT 1");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("password authentication failed", refused.Output);
        Assert.Empty(LeftoverProcesses.WithCommandLineContaining(Password));

        await first.StopAsync(Grace, CancellationToken.None);
        Assert.Equal(0, await first.Exited);
        Assert.Empty(LeftoverProcesses.Of(app.StateDirectory));

        app.ForgetPorts("postgres");
        var (second, restart) = await app.StartHealthyAsync("postgres", new CollectingWorkloadLog(), HealthyWithin);
        output.WriteLine($"postgres, restart: healthy {restart.TotalSeconds:0.00} s after StartAsync");
        Assert.NotEqual(port, second.Spec.Ports.Single().HostPort);
        Assert.Equal((0, "survives"), await Psql.RunAsync(second.Spec.Ports.Single().HostPort, "postgres", Password, "airflow", "SELECT value FROM kept"));

        // The AppHost killed hard: the server keeps running until the next run's PrepareAsync ends it.
        var next = new ProcessRuntime(app.Model, app.StateDirectory);
        await next.PrepareAsync(app.Model.ApplicationName, "next-session", CancellationToken.None);
        Assert.Equal(128 + 9, await second.Exited.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(LeftoverProcesses.Of(app.StateDirectory));
        var third = await app.StartAsync("postgres", new CollectingWorkloadLog(), next);
        await HealthProbe.WaitUntilHealthyAsync(third, HealthyWithin);
        Assert.Equal((0, "survives"), await Psql.RunAsync(third.Spec.Ports.Single().HostPort, "postgres", Password, "airflow", "SELECT value FROM kept"));

        await third.StopAsync(Grace, CancellationToken.None);
        Assert.Empty(LeftoverProcesses.Of(app.StateDirectory));
        await app.Runtime.RemoveVolumesAsync(app.Model.ApplicationName, CancellationToken.None);
        Assert.False(Directory.Exists(Path.Combine(app.StateDirectory, "postgres")));
    }

    [SkippableFact]
    public async Task As_root_it_runs_the_server_as_an_unprivileged_user_and_says_so()
    {
        ServerTools.RequirePostgres();
        Skip.IfNot(Environment.UserName == "root", "The AppHost does not run as root here, so PostgreSQL runs as this user.");
        // The state directory is inside a folder only root may enter, as ~/.airflowaspire is for root.
        await using var app = LocalProcessTestApp.Create(Declare, stateFolder: "private/state",
            prepareRoot: root => Directory.CreateDirectory(Path.Combine(root, "private"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));

        var log = new CollectingWorkloadLog();
        var (postgres, started) = await app.StartHealthyAsync("postgres", log, HealthyWithin);
        output.WriteLine($"postgres as an unprivileged user, first start: healthy {started.TotalSeconds:0.00} s after StartAsync");

        Assert.Contains("runs as the unprivileged user 'airflowaspire'", log.AllText);
        var moved = log.Lines.Single(l => l.Text.Contains("is kept in /var/lib/airflowaspire/")).Text;
        var folder = moved[(moved.IndexOf("/var/lib/airflowaspire/", StringComparison.Ordinal))..].TrimEnd('.');
        var server = Assert.Single(LeftoverProcesses.Labelled(app.StateDirectory, "postgres"));
        Assert.NotEqual(0, LeftoverProcesses.UserIdOf(server));
        Assert.Equal((0, "1"), await Psql.RunAsync(postgres.Spec.Ports.Single().HostPort, "postgres", Password, "airflow", "SELECT 1"));

        await postgres.StopAsync(Grace, CancellationToken.None);
        Assert.Empty(LeftoverProcesses.Of(app.StateDirectory));
        Assert.Empty(LeftoverProcesses.Of(folder));
        await app.Runtime.RemoveVolumesAsync(app.Model.ApplicationName, CancellationToken.None);
        Assert.False(Directory.Exists(folder));
    }
}

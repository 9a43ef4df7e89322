using AirflowAspire.Hosting.Compose.Tests.TestSupport;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Compose.Tests;

/// <summary>
/// <c>plan-upgrade-compose</c> against a compose deployment docker-compose runs, with the Airflow STAND-IN (not
/// Airflow) as two releases, each recording its migration in the real Postgres (the local image honouring the
/// official one's settings): what it reads and previews, that it changes nothing, and that the backup and restore
/// commands it prints do what they say when a user runs them.
/// </summary>
public sealed class ComposeUpgradePlanTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Step = "plan-upgrade-compose";
    private static readonly TimeSpan Up = TimeSpan.FromMinutes(6);
    private readonly TempFolder appHost = new();
    private readonly string project = $"airflowaspire-plan-{Guid.NewGuid():N}"[..28];
    private bool deployed;

    private string Folder => Path.Combine(appHost.Path, "out", "compose");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (deployed)
        {
            var down = await ComposeAsync(TimeSpan.FromMinutes(3), "down", "--volumes", "--remove-orphans", "--timeout", "10");
            output.WriteLine($"docker-compose down: {down.ExitCode} {down.StandardError}");
        }

        appHost.Dispose();
    }

    [SkippableFact]
    public async Task The_plan_previews_the_migration_changes_nothing_and_its_backup_and_restore_commands_work()
    {
        DockerComposeConfigTests.RequireDockerCompose();
        var (engine, _, _) = await DockerCli.RunAsync(TimeSpan.FromSeconds(30), "image", "inspect", "airflowaspire-test/postgres:15");
        RequiredTool.SkipOrFailIfMissing(engine != 0, "No Docker engine answers, or the test image airflowaspire-test/postgres:15 is missing (tests/images/build.sh)");
        await using var releases = await StandInVersionImages.BuildAsync("3.1.0", "3.2.2");

        var (failure, printed) = await PlanAsync("3.1.0", releases);
        Assert.True(failure.Length == 0, failure);
        Assert.Contains("Not deployed there", printed, StringComparison.Ordinal);

        await PublishAsync("3.1.0", releases);
        deployed = true;
        await UpAsync();
        Assert.Equal(("standin-3.1.0", 1), await DatabaseAsync());
        var containers = await ContainersAsync();

        (failure, printed) = await PlanAsync("3.1.0", releases);
        Assert.True(failure.Length == 0, failure);
        Assert.Contains("Path:     no version change (Airflow 3.1.0).", printed, StringComparison.Ordinal);
        Assert.Contains("No migrations to apply; nothing to do.", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("$ ", printed, StringComparison.Ordinal);

        (failure, printed) = await PlanAsync("3.2.2", releases);
        output.WriteLine(printed);
        Assert.True(failure.Length == 0, failure);
        Assert.Contains($"Deployed: Airflow 3.1.0 ({StandInVersionImages.Image}:{releases.TagOf("3.1.0")}, read from service airflow-", printed, StringComparison.Ordinal);
        Assert.Contains($"Model:    Airflow 3.2.2 ({StandInVersionImages.Image}:{releases.TagOf("3.2.2")})", printed, StringComparison.Ordinal);
        Assert.Contains("Path:     supported: `airflow db migrate` takes the database forward from 3.1.0 to 3.2.2.", printed, StringComparison.Ordinal);
        Assert.Contains("nothing was submitted", printed, StringComparison.Ordinal);
        Assert.Contains("INSERT INTO standin_migrations (airflow_version) VALUES ('3.2.2');", printed, StringComparison.Ordinal);
        Assert.Equal(("standin-3.1.0", 1), await DatabaseAsync());
        Assert.Equal(containers, await ContainersAsync());

        var commands = printed.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("$ ", StringComparison.Ordinal)).Select(l => l[2..]).ToList();
        Assert.Equal(6, commands.Count);
        Assert.All(commands, c => Assert.Contains($"--project-name {project}", c, StringComparison.Ordinal));
        await ShellAsync(commands[0]);
        await ShellAsync(commands[1]);
        Assert.True(new FileInfo(Path.Combine(Folder, "airflow-3.1.0.dump")).Length > 0);
        await ShellAsync(commands[2]);
        Assert.Equal(("standin-3.2.2", 2), await DatabaseAsync());

        await ShellAsync(commands[3]);
        await ShellAsync(commands[4]);
        Assert.Equal(("standin-3.1.0", 1), await DatabaseAsync());

        (failure, printed) = await PlanAsync("3.1.0", releases);
        Assert.Contains("Deployed: Airflow 3.2.2", printed, StringComparison.Ordinal);
        Assert.Contains("SQL:      not previewed: Airflow cannot make this change.", printed, StringComparison.Ordinal);
        Assert.Contains("3.2.2 to 3.1.0 is a downgrade", failure, StringComparison.Ordinal);
    }

    private static void Model(IDistributedApplicationBuilder builder, string version, StandInVersionImages releases)
    {
        var database = builder.AddPostgres("postgres").WithImage("airflowaspire-test/postgres", "15").AddDatabase("airflow-db", "airflow");
        builder.AddAirflow("airflow").WithVersion(version).WithImage(StandInVersionImages.Image, releases.TagOf(version)).WithDatabase(database);
    }

    private async Task PublishAsync(string version, StandInVersionImages releases)
    {
        await using var app = ComposeTestApp.Create(appHost.Path);
        Model(app.Builder, version, releases);
        await app.PublishAsync();
    }

    private async Task<(string Failure, string Printed)> PlanAsync(string version, StandInVersionImages releases)
    {
        await using var app = ComposeTestApp.CreateForStep(appHost.Path, Step);
        Model(app.Builder, version, releases);
        return await app.RunPrintingAsync();
    }

    private async Task UpAsync()
    {
        // docker-compose up -d returns once airflow-init completed (its dependants wait for that), so the migration ran.
        var up = await ComposeAsync(Up, "up", "--detach", "--no-build");
        Assert.True(up.ExitCode == 0, $"docker-compose up: {up.StandardError}");
    }

    /// <summary>The stand-in's migration head and how many migrations it recorded, read in the deployment's Postgres.</summary>
    private async Task<(string Head, int Migrations)> DatabaseAsync()
    {
        var query = await ComposeAsync(TimeSpan.FromMinutes(1), "exec", "-T", "postgres", "sh", "-c",
            "PGPASSWORD=\"$POSTGRES_PASSWORD\" psql -h 127.0.0.1 -U \"$POSTGRES_USER\" -d airflow -tA -F ' ' " +
            "-c 'SELECT (SELECT version_num FROM standin_alembic_version), (SELECT count(*) FROM standin_migrations)'");
        Assert.True(query.ExitCode == 0, query.StandardError);
        var parts = query.StandardOutput.Trim().Split(' ');
        return (parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The deployment's containers, with the image each runs.</summary>
    private async Task<string> ContainersAsync() =>
        (await DockerCli.RunAsync(TimeSpan.FromSeconds(30), "ps", "-a", "--no-trunc", "--filter", $"label=com.docker.compose.project={project}", "--format", "{{.ID}} {{.Image}}")).Output;

    private async Task ShellAsync(string command)
    {
        output.WriteLine($"$ {command}");
        var result = await BoundedProcess.RunAsync("bash", ["-c", command], Up, workingDirectory: Folder);
        Assert.True(result.ExitCode == 0, $"{command}: {result.StandardError}");
    }

    private Task<ProcessResult> ComposeAsync(TimeSpan timeout, params string[] args) =>
        BoundedProcess.RunAsync("docker-compose", ["--project-name", project, .. args], timeout, workingDirectory: Folder);
}

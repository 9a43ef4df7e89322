using AirflowAspire.Hosting;
using AirflowAspire.Orchestration.Tests.Containers;

namespace AirflowAspire.Orchestration.Tests.Orchestrator;

/// <summary>Data in a resource's volume survives a restart of the whole AppHost.</summary>
public class PersistenceTests
{
    [SkippableFact]
    public async Task Postgres_data_survives_an_AppHost_restart()
    {
        await using var app = await OrchestratedApp.CreateAsync();
        DeclarePostgres(app);
        await app.StartAsync();
        await app.WaitForHealthyAsync("pg");
        await Psql(app, "CREATE TABLE runs (id int); INSERT INTO runs VALUES (42);");

        await app.StopAndRedeclareAsync();
        DeclarePostgres(app);
        await app.StartAsync();
        await app.WaitForHealthyAsync("pg");

        Assert.Equal("42", (await Psql(app, "SELECT id FROM runs;")).Trim());
    }

    private static void DeclarePostgres(OrchestratedApp app) =>
        app.Builder.AddPostgres("pg").WithImage($"{TestImages.Postgres.Image}:{TestImages.Postgres.Tag}").AddDatabase("appdb");

    private static async Task<string> Psql(OrchestratedApp app, string sql)
    {
        var result = await DockerCommand.RunAsync(
            "exec", "-e", "PGPASSWORD=secret-pg-password-1234", $"{app.Name}-pg",
            "psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "appdb", "-tA", "-v", "ON_ERROR_STOP=1", "-c", sql);
        Assert.True(result.Succeeded, result.Error);
        return result.Output;
    }
}

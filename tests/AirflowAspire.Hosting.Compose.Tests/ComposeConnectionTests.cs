using AirflowAspire.Hosting.Compose.Tests.TestSupport;
using static AirflowAspire.Hosting.Compose.Tests.TestSupport.ComposeDocument;

namespace AirflowAspire.Hosting.Compose.Tests;

/// <summary>
/// Connections, variables and pools in compose. A connection's secret parts are <c>${KEY_JSON}</c>, JSON-escaped
/// copies of the secrets in <c>.env</c>, so the compose file holds no secret; filled in by the real docker-compose,
/// Airflow's own parsing reads back the password exactly. A value .env cannot hold once escaped is refused.
/// </summary>
public sealed partial class ComposeConnectionTests : IDisposable
{
    /// <summary>Reserved characters of URLs, JSON's string escapes aside (a quote or backslash needs one, which .env cannot hold).</summary>
    private const string Password = "p@ss:w/rd?#[]{}%&+= !$`;,<>|~^*()\u00e9";

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [SkippableFact]
    public async Task Docker_compose_fills_in_connections_that_airflow_reads_back()
    {
        DockerComposeConfigTests.RequireDockerCompose();
        await using var test = ComposeTestApp.Create(
            temp.Path, $"Parameters:warehouse-server-password={Password}", $"Parameters:cache-password={Password}",
            $"Parameters:events-password={Password}", $"Parameters:api-password={Password}");
        var warehouse = test.Builder.AddPostgres("warehouse-server").AddDatabase("warehouse", databaseName: "dwh");
        var cache = test.Builder.AddRedis("cache");
        var events = test.Builder.AddRabbitMQ("events");
        var apiPassword = test.Builder.AddParameter("api-password", secret: true);
        test.Builder.AddAirflowWithDatabase(postgresVolume: true, apiServerPort: 8080)
            .WithConnection("warehouse", warehouse)
            .WithConnection("cache", cache)
            .WithConnection("events", events)
            .WithConnection("partner_api", "http", "api.example.com", port: 443, login: "svc", password: apiPassword)
            .WithVariable("env", "dev");

        await test.PublishAsync();

        Assert.DoesNotContain(Password, await File.ReadAllTextAsync(test.ComposeFile), StringComparison.Ordinal);
        var (exitCode, stdout, stderr) = DockerCompose.Config(test.ComposeFolder);
        Assert.True(exitCode == 0, $"docker-compose config failed:{Environment.NewLine}{stderr}");
        // compose writes the resolved file with each literal $ escaped again as $$.
        var scheduler = EnvironmentOf(ComposeDocument.Parse(stdout).Service("airflow-scheduler"))
            .ToDictionary(e => e.Key, e => e.Value.Replace("$$", "$", StringComparison.Ordinal));
        var expected = new (string Variable, string Type, string Host, string Port)[]
        {
            ("AIRFLOW_CONN_WAREHOUSE", "postgres", "warehouse-server", "5432"),
            ("AIRFLOW_CONN_CACHE", "redis", "cache", "6379"),
            ("AIRFLOW_CONN_EVENTS", "amqp", "events", "5672"),
            ("AIRFLOW_CONN_PARTNER_API", "http", "api.example.com", "443"),
        };
        foreach (var (variable, type, host, port) in expected)
        {
            var connection = AirflowConnectionReader.Read(scheduler[variable]);
            Assert.Equal(type, connection.Text("conn_type"));
            Assert.Equal(host, connection.Text("host"));
            Assert.Equal(port, connection.Text("port"));
            Assert.Equal(Password, connection.Text("password"));
        }

        Assert.Equal("dev", scheduler["AIRFLOW_VAR_ENV"]);
        Assert.Equal("dwh", EnvironmentOf(ComposeDocument.Parse(stdout).Service("warehouse-server"))["POSTGRES_DB"]);
    }

    [SkippableFact]
    public async Task A_secret_with_a_double_quote_in_a_connection_is_refused_with_the_fix()
    {
        await using var test = ComposeTestApp.Create(temp.Path, "Parameters:api-password=say\"cheese\"");
        var apiPassword = test.Builder.AddParameter("api-password", secret: true);
        test.Builder.AddAirflowWithDatabase(postgresVolume: true).WithConnection("partner_api", "http", "api.example.com", password: apiPassword);

        var error = await test.PublishFailingAsync();

        Assert.Contains("'api-password'", error);
        Assert.Contains("choose a value without them", error);
        Assert.DoesNotContain("cheese", error);
    }

    [SkippableFact]
    public async Task The_init_sets_the_pools_from_its_environment()
    {
        DockerComposeConfigTests.RequireDockerCompose();
        await using var test = ComposeTestApp.Create(temp.Path);
        test.Builder.AddAirflowWithDatabase(postgresVolume: true).WithPool("etl", 4, "heavy $work");

        await test.PublishAsync();

        var (exitCode, stdout, stderr) = DockerCompose.Config(test.ComposeFolder);
        Assert.True(exitCode == 0, $"docker-compose config failed:{Environment.NewLine}{stderr}");
        var init = ComposeDocument.Parse(stdout).Service("airflow-init");
        Assert.EndsWith(
            "&& airflow pools set \"$$AIRFLOWASPIRE_POOL_0_NAME\" \"$$AIRFLOWASPIRE_POOL_0_SLOTS\" \"$$AIRFLOWASPIRE_POOL_0_DESCRIPTION\"",
            List(init, "command")[2], StringComparison.Ordinal);
        Assert.Equal("heavy $$work", EnvironmentOf(init)["AIRFLOWASPIRE_POOL_0_DESCRIPTION"]);
    }
}

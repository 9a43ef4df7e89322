using AirflowAspire.Hosting.Compose.Tests.TestSupport;
using static AirflowAspire.Hosting.Compose.Tests.TestSupport.ComposeDocument;

namespace AirflowAspire.Hosting.Compose.Tests;

/// <summary>
/// WithSettingsFile in compose: a password written in the settings file is a secret as any other, in <c>.env</c>
/// (with its JSON-escaped copy) and never in the compose file; the connection's extra reaches Airflow as an object.
/// </summary>
public sealed partial class ComposeConnectionTests
{
    [Fact]
    public async Task A_settings_files_password_goes_to_the_env_file_only()
    {
        File.WriteAllText(Path.Combine(temp.Path, "airflow_settings.yaml"), $"""
            airflow:
              connections:
                - conn_id: warehouse
                  conn_type: postgres
                  conn_host: db.example.com
                  conn_port: 5432
                  conn_login: etl
                  conn_password: '{Password}'
                  conn_extra:
                    sslmode: require
              variables:
                - variable_name: env
                  variable_value: dev
            """);
        await using var test = ComposeTestApp.Create(temp.Path);
        test.Builder.AddAirflowWithDatabase(postgresVolume: true).WithSettingsFile("airflow_settings.yaml");

        var compose = await test.PublishAsync();

        Assert.DoesNotContain(Password, await File.ReadAllTextAsync(test.ComposeFile), StringComparison.Ordinal);
        var env = EnvFile.Read(test.ComposeFolder);
        Assert.Equal(Password, env["AIRFLOW_WAREHOUSE_PASSWORD"]);
        Assert.Equal(Password, env["AIRFLOW_WAREHOUSE_PASSWORD_JSON"]);
        var scheduler = EnvironmentOf(compose.Service("airflow-scheduler"));
        Assert.Equal(
            "{\"conn_type\": \"postgres\", \"host\": \"db.example.com\", \"port\": \"5432\", \"login\": \"etl\", " +
            "\"password\": \"${AIRFLOW_WAREHOUSE_PASSWORD_JSON}\", \"extra\": {\"sslmode\": \"require\"}}",
            scheduler["AIRFLOW_CONN_WAREHOUSE"]);
        Assert.Equal("dev", scheduler["AIRFLOW_VAR_ENV"]);
    }

    [SkippableFact]
    public async Task Docker_compose_fills_in_a_settings_files_connection_that_airflow_reads_back()
    {
        DockerComposeConfigTests.RequireDockerCompose();
        File.WriteAllText(Path.Combine(temp.Path, "airflow_settings.yaml"), $$"""
            airflow:
              connections:
                - conn_id: partner_api
                  conn_type: http
                  conn_host: api.example.com
                  conn_password: '{{Password}}'
                  conn_extra: '{"timeout": 30, "api_key": "k}"}'
            """);
        await using var test = ComposeTestApp.Create(temp.Path);
        test.Builder.AddAirflowWithDatabase(postgresVolume: true).WithSettingsFile("airflow_settings.yaml");
        await test.PublishAsync();

        var (exitCode, stdout, stderr) = DockerCompose.Config(test.ComposeFolder);

        Assert.True(exitCode == 0, $"docker-compose config failed:{Environment.NewLine}{stderr}");
        // compose writes the resolved file with each literal $ escaped again as $$.
        var value = EnvironmentOf(ComposeDocument.Parse(stdout).Service("airflow-scheduler"))["AIRFLOW_CONN_PARTNER_API"].Replace("$$", "$", StringComparison.Ordinal);
        var connection = AirflowConnectionReader.Read(value);
        Assert.Equal(Password, connection.Text("password"));
        Assert.Equal("{\"timeout\": 30, \"api_key\": \"k}\"}", connection.Text("extra"));
    }
}

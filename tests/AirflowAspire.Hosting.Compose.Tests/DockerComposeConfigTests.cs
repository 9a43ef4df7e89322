using AirflowAspire.Hosting.Compose.Tests.TestSupport;
using static AirflowAspire.Hosting.Compose.Tests.TestSupport.ComposeDocument;

namespace AirflowAspire.Hosting.Compose.Tests;

/// <summary>The real docker-compose accepts what we publish and reads the secrets from .env as they are.</summary>
public sealed class DockerComposeConfigTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [SkippableFact]
    public async Task Docker_compose_accepts_a_RabbitMQ_model()
    {
        RequireDockerCompose();
        await using var test = ComposeTestApp.Create(temp.Path);
        var rabbit = test.Builder.AddRabbitMQ("rabbitmq").WithManagementPlugin(port: 15672);
        test.Builder.AddAirflowWithDatabase(postgresVolume: true, apiServerPort: 8080).WithCeleryExecutor(rabbit).WithWorkers(2).WithFlower().WithTriggerer();

        await test.PublishAsync();

        AssertValid(test.ComposeFolder);
    }

    [SkippableTheory]
    [InlineData("3.2.2", "local")]
    [InlineData("3.2.2", "kubernetes")]
    [InlineData("2.11.0", "celery-redis")]
    [InlineData("2.11.0", "local")]
    public async Task Docker_compose_accepts_every_version_and_executor(string version, string executor)
    {
        RequireDockerCompose();
        await using var test = ComposeTestApp.Create(temp.Path);
        Directory.CreateDirectory(temp.Combine("dags"));
        var airflow = test.Builder.AddAirflowWithDatabase(version, postgresVolume: true, apiServerPort: 8080).WithTriggerer().WithDags("dags");
        _ = executor switch
        {
            "celery-redis" => airflow.WithRedisCelery(dataVolume: true).WithFlower().WithWorkers(2),
            "kubernetes" => airflow.WithKubernetesExecutor(),
            _ => airflow,
        };

        await test.PublishAsync();

        AssertValid(test.ComposeFolder);
    }

    [SkippableFact]
    public async Task Docker_compose_fills_in_the_secrets_from_env_literally_and_keeps_the_order_and_conditions()
    {
        RequireDockerCompose();
        const string password = "pa$s w#rd!*";
        await using var test = ComposeTestApp.Create(temp.Path, $"Parameters:postgres-password={password}");
        test.Builder.AddAirflowWithDatabase(postgresVolume: true, apiServerPort: 8080).WithRedisCelery(dataVolume: true);

        await test.PublishAsync();

        var (exitCode, stdout, stderr) = DockerCompose.Config(test.ComposeFolder);
        Assert.True(exitCode == 0, $"docker-compose config failed:{Environment.NewLine}{stderr}");
        // compose writes the resolved file with each literal $ escaped again as $$.
        var resolved = ComposeDocument.Parse(stdout);
        Assert.Equal(password, EnvironmentOf(resolved.Service("postgres"))["POSTGRES_PASSWORD"].Replace("$$", "$"));
        var scheduler = EnvironmentOf(resolved.Service("airflow-scheduler"));
        Assert.Equal(password, scheduler["AIRFLOWASPIRE_DATABASE_PASSWORD"].Replace("$$", "$"));
        Assert.Equal(EnvFile.Read(test.ComposeFolder)["REDIS_PASSWORD"], EnvironmentOf(resolved.Service("redis"))["REDIS_PASSWORD"]);
        var dependsOn = Mapping(resolved.Service("airflow-scheduler"), "depends_on");
        Assert.Equal("service_completed_successfully", Value(Mapping(dependsOn, "airflow-init"), "condition"));
        Assert.Equal("service_healthy", Value(Mapping(dependsOn, "postgres"), "condition"));
    }

    [SkippableFact]
    public async Task The_admin_password_reaches_the_init_as_a_variable_and_no_command_holds_it()
    {
        RequireDockerCompose();
        const string password = "Admin$Pass w#rd";
        await using var test = ComposeTestApp.Create(temp.Path, $"Parameters:airflow-admin-password={password}");
        test.Builder.AddAirflowWithDatabase(postgresVolume: true, apiServerPort: 8080).WithRedisCelery(dataVolume: true);

        await test.PublishAsync();

        var (exitCode, stdout, stderr) = DockerCompose.Config(test.ComposeFolder);
        Assert.True(exitCode == 0, $"docker-compose config failed:{Environment.NewLine}{stderr}");
        var resolved = ComposeDocument.Parse(stdout);
        var init = resolved.Service("airflow-init");

        // The official entrypoint would run `airflow users create --password <value>` for _AIRFLOW_WWW_USER_CREATE.
        Assert.DoesNotContain(EnvironmentOf(init).Keys, k => k.StartsWith("_AIRFLOW_WWW_USER", StringComparison.Ordinal));
        Assert.Equal(password, EnvironmentOf(init)["AIRFLOWASPIRE_ADMIN_PASSWORD"].Replace("$$", "$"));
        foreach (var name in resolved.ServiceNames)
        {
            var service = resolved.Service(name);
            var words = (Has(service, "command") ? List(service, "command") : []).Concat(Has(service, "entrypoint") ? List(service, "entrypoint") : []);
            Assert.All(words, w => Assert.DoesNotContain("--password", w, StringComparison.Ordinal));
            Assert.All(words, w => Assert.DoesNotContain("Pass w#rd", w, StringComparison.Ordinal));
        }

        var command = List(init, "command");
        Assert.Equal(["bash", "-c"], command.Take(2));
        Assert.StartsWith("printf '%s\\n%s\\n' \"$$AIRFLOWASPIRE_ADMIN_PASSWORD\" \"$$AIRFLOWASPIRE_ADMIN_PASSWORD\" | airflow users create", command[2], StringComparison.Ordinal);
    }

    internal static void RequireDockerCompose() =>
        RequiredTool.SkipOrFailIfMissing(!DockerCompose.IsInstalled, "docker-compose is not installed (Debian package docker-compose)");

    /// <summary>Asserts that <c>docker-compose config</c> accepts the folder's files and finds every <c>${VAR}</c> in .env.</summary>
    internal static void AssertValid(string folder)
    {
        var (exitCode, _, stderr) = DockerCompose.Config(folder, "-q");
        Assert.True(exitCode == 0, $"docker-compose config -q rejected {Path.Combine(folder, "docker-compose.yaml")}:{Environment.NewLine}{stderr}");
        Assert.DoesNotContain("is not set", stderr);
    }
}

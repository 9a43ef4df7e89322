using AirflowAspire.Hosting.Publishing.Compose;
using AirflowAspire.Hosting.Tests.Integrations.Airflow;
using AirflowAspire.Hosting.Tests.TestSupport;
using AirflowAspire.Testing;
using static AirflowAspire.Hosting.Tests.Publishing.Compose.ComposeDocument;

namespace AirflowAspire.Hosting.Tests.Publishing.Compose;

/// <summary>The real docker-compose accepts what we publish and reads the secrets from .env as they are.</summary>
public sealed class DockerComposeConfigTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [SkippableFact]
    public async Task Docker_compose_accepts_the_default_AppHost()
    {
        RequireDockerCompose();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>("--publisher", "compose", "--output-path", temp.Path);

        await new ComposePublisher().PublishAsync(builder.Build().Model, PublishingOptions.From(builder.Configuration), CancellationToken.None);

        AssertValid(temp.Path);
    }

    [SkippableFact]
    public async Task Docker_compose_accepts_a_RabbitMQ_model()
    {
        RequireDockerCompose();
        using var test = TestApp.Create("--publisher", "compose", "--output-path", temp.Path);
        var rabbit = test.Builder.AddRabbitMQ("rabbitmq").WithManagementPlugin(port: 15672);
        test.AddAirflowWithDatabase().WithCeleryExecutor(rabbit).WithWorkers(2).WithFlower().WithTriggerer();

        await new ComposePublisher().PublishAsync(test.Builder.Build().Model, PublishingOptions.From(test.Builder.Configuration), CancellationToken.None);

        AssertValid(temp.Path);
    }

    [SkippableTheory]
    [InlineData("3.2.2", "local")]
    [InlineData("3.2.2", "kubernetes")]
    [InlineData("2.11.0", "celery-redis")]
    [InlineData("2.11.0", "local")]
    public async Task Docker_compose_accepts_every_version_and_executor(string version, string executor)
    {
        RequireDockerCompose();
        using var test = TestApp.Create("--publisher", "compose", "--output-path", temp.Path);
        test.CreateFolder("dags");
        var airflow = test.AddAirflowWithDatabase(version).WithTriggerer().WithDags("dags");
        _ = executor switch
        {
            "celery-redis" => airflow.WithRedisCelery().WithFlower().WithWorkers(2),
            "kubernetes" => airflow.WithKubernetesExecutor(),
            _ => airflow,
        };

        await new ComposePublisher().PublishAsync(test.Builder.Build().Model, PublishingOptions.From(test.Builder.Configuration), CancellationToken.None);

        AssertValid(temp.Path);
    }

    [SkippableFact]
    public async Task Docker_compose_fills_in_the_secrets_from_env_literally_and_keeps_the_order_and_conditions()
    {
        RequireDockerCompose();
        const string password = "pa$s w#rd!*";
        using var test = TestApp.Create("--publisher", "compose", "--output-path", temp.Path, $"--Parameters:postgres-password={password}");
        test.AddAirflowWithDatabase().WithRedisCelery();

        await new ComposePublisher().PublishAsync(test.Builder.Build().Model, PublishingOptions.From(test.Builder.Configuration), CancellationToken.None);

        var (exitCode, stdout, stderr) = DockerCompose.Config(temp.Path);
        Assert.True(exitCode == 0, $"docker-compose config failed:{Environment.NewLine}{stderr}");
        // compose writes the resolved file with each literal $ escaped again as $$.
        var resolved = ComposeDocument.Parse(stdout);
        var postgres = EnvironmentOf(resolved.Service("postgres"));
        Assert.Equal(password, postgres["POSTGRES_PASSWORD"].Replace("$$", "$"));
        var scheduler = EnvironmentOf(resolved.Service("airflow-scheduler"));
        Assert.Equal($"postgresql+psycopg2://postgres:{password}@postgres:5432/airflow", scheduler["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].Replace("$$", "$"));
        Assert.Equal(ComposePublisherTests.ReadEnv(temp.Path)["REDIS_PASSWORD"], EnvironmentOf(resolved.Service("redis"))["REDIS_PASSWORD"]);
        var dependsOn = Mapping(resolved.Service("airflow-scheduler"), "depends_on");
        Assert.Equal("service_completed_successfully", Value(Mapping(dependsOn, "airflow-init"), "condition"));
        Assert.Equal("service_healthy", Value(Mapping(dependsOn, "postgres"), "condition"));
    }

    private static void RequireDockerCompose() =>
        RequiredTool.SkipOrFailIfMissing(!DockerCompose.IsInstalled, "docker-compose is not installed (Debian package docker-compose)");

    private static void AssertValid(string folder)
    {
        var (exitCode, _, stderr) = DockerCompose.Config(folder, "-q");
        Assert.True(exitCode == 0, $"docker-compose config -q rejected {Path.Combine(folder, "docker-compose.yaml")}:{Environment.NewLine}{stderr}");
        Assert.DoesNotContain("is not set", stderr); // every ${VAR} is in .env
    }
}

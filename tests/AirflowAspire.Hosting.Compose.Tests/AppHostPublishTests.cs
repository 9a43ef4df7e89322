using AirflowAspire.Hosting.Compose.Tests.TestSupport;

namespace AirflowAspire.Hosting.Compose.Tests;

/// <summary>
/// The repository's AppHost and examples publish a compose deployment from the command line, as a user runs them
/// (<c>--operation publish --step publish-compose --output-path out</c>), without waiting for input, and
/// docker-compose accepts it.
/// </summary>
public sealed class AppHostPublishTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [SkippableTheory]
    [InlineData("AirflowAspire.AppHost", "airflow-worker")]
    [InlineData("AirflowAspire.Examples.CeleryRabbitMQ", "rabbitmq")]
    [InlineData("AirflowAspire.Examples.CeleryRedis", "redis")]
    [InlineData("AirflowAspire.Examples.KubernetesExecutor", "airflow-scheduler")]
    [InlineData("AirflowAspire.Examples.Standalone", "airflow-scheduler")]
    public async Task The_AppHost_publishes_a_compose_deployment_docker_compose_accepts(string appHost, string service)
    {
        var result = await AppHostProcess.RunAsync(appHost, temp.Path, "--operation", "publish", "--step", "publish-compose", "--output-path", "out");

        Assert.True(result.ExitCode == 0, $"{appHost} exited with {result.ExitCode}. stderr:{Environment.NewLine}{result.StandardError}");
        Assert.DoesNotContain("fail:", result.StandardOutput);
        var folder = temp.Combine("out", "compose");
        var compose = ComposeDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "docker-compose.yaml")));
        Assert.Contains(service, compose.ServiceNames);
        Assert.True(File.Exists(Path.Combine(folder, ".env")));
        DockerComposeConfigTests.RequireDockerCompose();
        DockerComposeConfigTests.AssertValid(folder);
    }

    [Fact]
    public async Task Each_output_folder_keeps_its_own_secrets_whatever_Aspire_saved_from_an_earlier_publish()
    {
        string[] publish = ["--operation", "publish", "--step", "publish-compose", "--output-path"];
        var first = await AppHostProcess.RunAsync("AirflowAspire.AppHost", temp.Path, [.. publish, "first"]);
        var second = await AppHostProcess.RunAsync("AirflowAspire.AppHost", temp.Path, [.. publish, "second", "--Parameters:redis-password=Given-On-The-Command-Line-1"]);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.StandardError + second.StandardError);
        var firstSecrets = EnvFile.Read(temp.Combine("first", "compose"));
        var secondSecrets = EnvFile.Read(temp.Combine("second", "compose"));
        Assert.Equal("Given-On-The-Command-Line-1", secondSecrets["REDIS_PASSWORD"]); // the command line wins over Aspire's saved state
        Assert.NotEqual(firstSecrets["AIRFLOW_ADMIN_PASSWORD"], secondSecrets["AIRFLOW_ADMIN_PASSWORD"]); // generated per folder, not reused from ~/.aspire
    }
}

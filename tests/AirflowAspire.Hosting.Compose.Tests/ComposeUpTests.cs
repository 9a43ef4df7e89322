using AirflowAspire.Hosting.Compose.Tests.TestSupport;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace AirflowAspire.Hosting.Compose.Tests;

/// <summary>
/// The default AppHost's published compose deployment brought up by docker-compose, as a user would: every service
/// healthy and airflow-init done. Each image the file names runs where the engine holds it; where it does not, the
/// local one that honours the same settings stands in (tests/images: Postgres, Redis, and the Airflow STAND-IN, which
/// proves the wiring only). With the official Airflow image present, hello_celery also runs through the REST API.
/// </summary>
public sealed class ComposeUpTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Healthy = TimeSpan.FromMinutes(6);
    private readonly TempFolder temp = new();
    private readonly string project = $"airflowaspire-test-{Guid.NewGuid():N}"[..28];
    private string? composeFile;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (composeFile is not null)
        {
            var down = await ComposeAsync(TimeSpan.FromMinutes(3), "down", "--volumes", "--remove-orphans", "--timeout", "10");
            output.WriteLine($"docker-compose down: {down.ExitCode} {down.StandardError}");
        }

        temp.Dispose();
    }

    [SkippableFact]
    public async Task The_published_default_apphost_comes_up_healthy_with_docker_compose()
    {
        DockerComposeConfigTests.RequireDockerCompose();
        RequiredTool.SkipOrFailIfMissing(await DockerAsync("info") != 0, "No Docker engine answers `docker info`");
        var published = await AppHostProcess.RunAsync("AirflowAspire.AppHost", temp.Path, "--operation", "publish", "--step", "publish-compose", "--output-path", "out");
        Assert.True(published.ExitCode == 0, published.StandardError + published.StandardOutput);
        var folder = temp.Combine("out", "compose");
        var compose = ComposeDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "docker-compose.yaml")));

        var officialAirflow = await RunnableHereAsync(compose);
        composeFile = Path.Combine(folder, "docker-compose.test.yaml");
        await File.WriteAllTextAsync(composeFile, Serialize(compose));

        var up = await ComposeAsync(Healthy, "up", "--detach", "--no-build");
        Assert.True(up.ExitCode == 0, $"docker-compose up: {up.StandardError}");
        await WaitUntilHealthyAsync(compose.ServiceNames);

        if (officialAirflow)
        {
            await RunHelloCeleryAsync(EnvFile.Read(folder)["AIRFLOW_ADMIN_PASSWORD"]);
        }
        else
        {
            // The stand-in's `users create` took the password from its prompt and saw it in no process's arguments.
            var init = (await ComposeAsync(TimeSpan.FromMinutes(1), "logs", "--no-color", "airflow-init")).StandardOutput;
            Assert.Contains("stand-in: users create: admin", init, StringComparison.Ordinal);
            Assert.Contains("stand-in: the password in a process's arguments: none", init, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Puts a local stand-in in place of each image the engine lacks, and drops the published host ports (this test
    /// reaches the containers by their addresses, so parallel runs cannot collide); returns whether Airflow runs
    /// the official image.
    /// </summary>
    private async Task<bool> RunnableHereAsync(ComposeDocument compose)
    {
        var officialAirflow = true;
        var told = new HashSet<string>();
        foreach (var service in compose.Services.Children.Values.Cast<YamlMappingNode>())
        {
            service.Children.Remove(new YamlScalarNode("ports"));
            var image = ComposeDocument.Value(service, "image");
            if (await IsRealAsync(image))
            {
                continue;
            }

            var local = LocalStandIn(image);
            if (told.Add(image))
            {
                output.WriteLine($"{image} is not here; {local} stands in for it.");
            }

            service.Children[new YamlScalarNode("image")] = new YamlScalarNode(local);
            if (image.Contains("airflow", StringComparison.Ordinal))
            {
                officialAirflow = false;
            }
        }

        return officialAirflow;
    }

    /// <summary>
    /// Whether the engine holds the image, and it is not one of tests/images under that name (the cluster tests tag them
    /// so while they run, beside these tests): tests/images/build.sh labels each it builds with its recipe.
    /// </summary>
    private static async Task<bool> IsRealAsync(string image)
    {
        var (exitCode, recipe, _) = await DockerCli.RunAsync(TimeSpan.FromSeconds(30), "image", "inspect", "--format", "{{index .Config.Labels \"airflowaspire.recipe\"}}", image);
        return exitCode == 0 && recipe.Trim().Length == 0;
    }

    private static string LocalStandIn(string image) => image.Split(':')[0].Split('/')[^1] switch
    {
        "postgres" => "airflowaspire-test/postgres:15",
        "redis" => "airflowaspire-test/redis:7.0",
        "rabbitmq" => "airflowaspire-test/rabbitmq:3.10",
        "airflow" => "airflowaspire-test/airflow-standin:latest",
        _ => throw new Xunit.Sdk.XunitException($"No local image stands in for {image}."),
    };

    /// <summary>Waits until every service's containers run healthy (or ran to exit 0, for airflow-init).</summary>
    private async Task WaitUntilHealthyAsync(IReadOnlyList<string> services)
    {
        var deadline = DateTime.UtcNow + Healthy;
        var states = new Dictionary<string, string>();
        while (DateTime.UtcNow < deadline)
        {
            states = await StatesAsync();
            var failed = states.Where(s => s.Value.StartsWith("exited", StringComparison.Ordinal) && s.Value != "exited 0").ToList();
            Assert.True(failed.Count == 0, $"{string.Join(", ", failed.Select(f => $"{f.Key}: {f.Value}"))}\n{await LogsAsync()}");
            if (services.All(s => states.GetValueOrDefault(s) is "running healthy" or "exited 0"))
            {
                output.WriteLine(string.Join("\n", states.Select(s => $"{s.Key}: {s.Value}")));
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        Assert.Fail($"Not all services became healthy within {Healthy.TotalMinutes:0} minutes: {string.Join(", ", states.Select(s => $"{s.Key}: {s.Value}"))}\n{await LogsAsync()}");
    }

    /// <summary>Each service's container state ("running healthy", "exited 0", ...), by the compose labels.</summary>
    private async Task<Dictionary<string, string>> StatesAsync()
    {
        var ids = (await DockerCli.RunAsync(TimeSpan.FromSeconds(30), "ps", "-aq", "--filter", $"label=com.docker.compose.project={project}")).Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var states = new Dictionary<string, string>();
        foreach (var id in ids)
        {
            var inspect = await DockerCli.RunAsync(TimeSpan.FromSeconds(30), "inspect", "--format",
                "{{index .Config.Labels \"com.docker.compose.service\"}}|{{.State.Status}}|{{if .State.Health}}{{.State.Health.Status}}{{end}}|{{.State.ExitCode}}", id);
            var parts = inspect.Output.Split('|');
            if (parts.Length == 4)
            {
                states[parts[0]] = parts[1] == "exited" ? $"exited {parts[3]}" : $"{parts[1]} {parts[2]}".Trim();
            }
        }

        return states;
    }

    private async Task RunHelloCeleryAsync(string adminPassword)
    {
        var apiServer = (await DockerCli.RunAsync(TimeSpan.FromSeconds(30), "ps", "-q", "--filter", $"label=com.docker.compose.project={project}",
            "--filter", "label=com.docker.compose.service=airflow-api-server")).Output;
        var address = (await DockerCli.RunAsync(TimeSpan.FromSeconds(30), "inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", apiServer)).Output;
        using var http = new HttpClient { BaseAddress = new Uri($"http://{address}:8080") };
        var api = new AirflowRestApi(http);
        await api.LogInAsync("admin", adminPassword);
        await api.WaitForDagAsync("hello_celery", TimeSpan.FromMinutes(3));
        await api.UnpauseAsync("hello_celery");
        var runId = await api.TriggerAsync("hello_celery");
        Assert.Equal("success", await api.WaitForRunAsync("hello_celery", runId, TimeSpan.FromMinutes(5)));
        Assert.Contains("total is 6", await api.TaskLogAsync("hello_celery", runId, "total"), StringComparison.Ordinal);
    }

    private async Task<string> LogsAsync() =>
        (await ComposeAsync(TimeSpan.FromMinutes(1), "logs", "--no-color", "--tail", "20")).StandardOutput;

    private Task<ProcessResult> ComposeAsync(TimeSpan timeout, params string[] args) =>
        BoundedProcess.RunAsync("docker-compose", ["--project-name", project, "--file", composeFile!, "--env-file", Path.Combine(Path.GetDirectoryName(composeFile)!, ".env"), .. args], timeout);

    private static async Task<int> DockerAsync(params string[] args) => (await DockerCli.RunAsync(TimeSpan.FromSeconds(30), args)).ExitCode;

    private static string Serialize(ComposeDocument compose)
    {
        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(compose.Root)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}

namespace AirflowAspire.Hosting.Kubernetes.ClusterTests.Deploy;

/// <summary>
/// The test cluster's node runs only what the local docker engine has, and no registry can be reached. So for the
/// deploy tests the locally built Postgres, Redis and RabbitMQ images (tests/images, honouring the official
/// images' settings and users) are tagged with the official names Aspire's integrations put in the model, and
/// untagged again afterwards. Airflow's image gets no stand-in: its pods must report that it cannot be pulled.
/// </summary>
public sealed class OfficialImageStandIns : IAsyncLifetime
{
    // Aspire.Hosting.PostgreSQL, .Redis and .RabbitMQ 13.6.5's image tags; a newer Aspire shows up here as a pull failure naming the new tag.
    private static readonly (string Local, string Official)[] Tags =
    [
        ("airflowaspire-test/postgres:15", "docker.io/library/postgres:18.3"),
        ("airflowaspire-test/redis:7.0", "docker.io/library/redis:8.6"),
        ("airflowaspire-test/rabbitmq:3.10", "docker.io/library/rabbitmq:4.3"),
        ("airflowaspire-test/rabbitmq:3.10", "docker.io/library/rabbitmq:4.3-management"),
    ];

    private readonly List<string> added = [];

    public async Task InitializeAsync()
    {
        foreach (var (local, official) in Tags)
        {
            if (await DockerAsync("image", "inspect", official) == 0)
            {
                continue;
            }

            Assert.True(await DockerAsync("tag", local, official) == 0, $"docker tag {local} {official} failed; build the test images with tests/images/build.sh.");
            added.Add(official);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var official in added)
        {
            await DockerAsync("rmi", official);
        }
    }

    private static async Task<int> DockerAsync(params string[] args) => (await DockerCli.RunAsync(TimeSpan.FromSeconds(60), args)).ExitCode;
}

[CollectionDefinition(Name)]
public sealed class DeployCollection : ICollectionFixture<OfficialImageStandIns>
{
    public const string Name = "deploy";
}

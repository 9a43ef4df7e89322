namespace AirflowAspire.Hosting.Kubernetes.ClusterTests.Deploy;

/// <summary>
/// The test cluster's node runs only what the local docker engine has, and no registry can be reached. So for the
/// deploy tests the locally built Postgres, Redis and RabbitMQ images (tests/images, honouring the official
/// images' settings and users) are tagged with the official names Aspire's integrations put in the model, and so is
/// the Airflow STAND-IN (tests/images/airflow-standin: it follows Airflow's code in what the model asks of it, and
/// proves the wiring only) with the official Airflow image's name; each only where the engine lacks that image, so a
/// machine that holds the real one deploys real Airflow. Untagged again afterwards.
/// </summary>
public sealed class OfficialImageStandIns : IAsyncLifetime
{
    /// <summary>Each local stand-in with the official image its integration puts in a model, as Aspire's packages name it today.</summary>
    private static IReadOnlyList<(string Local, string Official)> Tags()
    {
        using var builder = DistributedApplicationTestingBuilder.Create();
        IResource[] servers =
        [
            builder.AddPostgres("postgres").Resource,
            builder.AddRedis("redis").Resource,
            builder.AddRabbitMQ("rabbitmq").Resource,
            builder.AddRabbitMQ("rabbitmq-management").WithManagementPlugin().Resource,
        ];
        var airflow = builder.AddAirflow("airflow").Resource.Image.Reference;
        return [.. servers.Select(server => (Local(server), Official(server))), (AirflowStandIn, airflow)];
    }

    public const string AirflowStandIn = "airflowaspire-test/airflow-standin:latest";

    private static string Local(IResource server) => server switch
    {
        PostgresServerResource => "airflowaspire-test/postgres:15",
        RedisResource => "airflowaspire-test/redis:7.0",
        _ => "airflowaspire-test/rabbitmq:3.10",
    };

    private static string Official(IResource server)
    {
        var image = server.Annotations.OfType<ContainerImageAnnotation>().Last();
        return $"{(image.Registry is null ? string.Empty : image.Registry + "/")}{image.Image}:{image.Tag}";
    }

    // The two deploy collections run side by side and each has this fixture: the names are lent once, by the first to
    // start, and taken back by the last to end.
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly List<string> Added = [];
    private static int users;
    private static bool realAirflow;

    /// <summary>Whether the official Airflow image the model names is the real one: the engine held it, and it is not the stand-in under that name.</summary>
    public bool RealAirflow => realAirflow;

    /// <summary>
    /// While this run lends the names, a file says so (tests/images/build.sh, which untags what a run cut short left,
    /// leaves the names alone while the process it names lives).
    /// </summary>
    private static readonly string LentMarker = Path.Combine(Path.GetTempPath(), $"airflowaspire-names-lent-{Environment.ProcessId}");

    public async Task InitializeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (users++ == 0)
            {
                await LendAsync();
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (--users == 0)
            {
                foreach (var official in Added)
                {
                    await DockerAsync("rmi", official);
                }

                Added.Clear();
                File.Delete(LentMarker);
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task LendAsync()
    {
        await File.WriteAllTextAsync(LentMarker, "the official image names are lent to the local test images\n");
        foreach (var (local, official) in Tags())
        {
            if (await DockerAsync("image", "inspect", official) == 0)
            {
                if (!await IsOneOfOursAsync(official))
                {
                    continue;
                }

                // A run cut short left a stand-in under this name, maybe an older build of it: tag the current one.
                await DockerAsync("rmi", official);
            }

            Assert.True(await DockerAsync("tag", local, official) == 0, $"docker tag {local} {official} failed; build the test images with tests/images/build.sh.");
            Added.Add(official);
        }

        realAirflow = !await IsOneOfOursAsync(Tags()[^1].Official);
    }

    /// <summary>Whether the image under <paramref name="name"/> is one tests/images/build.sh built (its recipe label), not one pulled.</summary>
    private static async Task<bool> IsOneOfOursAsync(string name)
    {
        var (_, recipe, _) = await DockerCli.RunAsync(TimeSpan.FromSeconds(60), "image", "inspect", "--format", "{{index .Config.Labels \"airflowaspire.recipe\"}}", name);
        return recipe.Trim().Length > 0;
    }

    private static async Task<int> DockerAsync(params string[] args) => (await DockerCli.RunAsync(TimeSpan.FromSeconds(60), args)).ExitCode;
}

namespace AirflowAspire.TestSupport;

/// <summary>
/// Tiny images on the Airflow STAND-IN (tests/images/airflow-standin, not Airflow) that stand for given Airflow
/// releases: its <c>AIRFLOW_VERSION</c>, which gives it one migration head per version. Tagged uniquely per test, so
/// tests beside each other never share one, and removed on dispose.
/// </summary>
internal sealed class StandInVersionImages : IAsyncDisposable
{
    public const string Image = "airflowaspire-test/airflow-standin";
    public const string StandIn = $"{Image}:latest";

    private readonly List<string> built = [];

    public static async Task<StandInVersionImages> BuildAsync(params string[] versions)
    {
        var (missing, _, _) = await DockerCli.RunAsync(TimeSpan.FromSeconds(30), "image", "inspect", "--format", "{{.Id}}", StandIn);
        RequiredTool.SkipOrFailIfMissing(missing != 0, $"The test image {StandIn} is missing (or no Docker engine answers); build it with tests/images/build.sh");
        var images = new StandInVersionImages();
        try
        {
            foreach (var version in versions)
            {
                await images.BuildOneAsync(version);
            }
        }
        catch
        {
            await images.DisposeAsync();
            throw;
        }

        return images;
    }

    /// <summary>The tag of the image standing for <paramref name="version"/> (of <see cref="Image"/>).</summary>
    public string TagOf(string version) => built.Single(t => t.StartsWith(version + "-", StringComparison.Ordinal));

    private async Task BuildOneAsync(string version)
    {
        using var context = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(context.Path, "Dockerfile"), $"FROM {StandIn}\nENV AIRFLOW_VERSION={version}\n");
        var tag = $"{version}-{Guid.NewGuid():N}"[..(version.Length + 9)];
        var result = await BoundedProcess.RunAsync(
            "docker", ["build", "-q", "-t", $"{Image}:{tag}", context.Path], TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["DOCKER_BUILDKIT"] = "0" });
        Assert.True(result.ExitCode == 0, $"Building the stand-in for {version} failed: {result.StandardError}");
        built.Add(tag);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var tag in built)
        {
            await DockerCli.RunAsync(TimeSpan.FromMinutes(1), "image", "rm", "-f", $"{Image}:{tag}");
        }
    }
}

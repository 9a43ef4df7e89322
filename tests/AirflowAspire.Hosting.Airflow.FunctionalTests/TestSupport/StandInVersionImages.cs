namespace AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;

/// <summary>
/// Tiny images on the Airflow STAND-IN that stand for given Airflow releases (its <c>AIRFLOW_VERSION</c>, which gives
/// it one migration head per version), tagged uniquely per test and removed on dispose.
/// </summary>
internal sealed class StandInVersionImages : IAsyncDisposable
{
    private readonly List<string> built = [];

    public static async Task<StandInVersionImages> BuildAsync(params string[] versions)
    {
        DockerEngine.SkipOrFailIfImageMissing(AirflowStandIn.Reference);
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

    /// <summary>The tag of the image standing for <paramref name="version"/> (of <see cref="AirflowStandIn.Image"/>).</summary>
    public string TagOf(string version) => built.Single(t => t.StartsWith(version + "-", StringComparison.Ordinal));

    private async Task BuildOneAsync(string version)
    {
        using var context = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(context.Path, "Dockerfile"), $"FROM {AirflowStandIn.Reference}\nENV AIRFLOW_VERSION={version}\n");
        var tag = $"{version}-{Guid.NewGuid():N}"[..(version.Length + 9)];
        var result = await BoundedProcess.RunAsync(
            "docker", ["build", "-q", "-t", $"{AirflowStandIn.Image}:{tag}", context.Path], TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["DOCKER_BUILDKIT"] = "0" });
        Assert.True(result.ExitCode == 0, $"Building the stand-in for {version} failed: {result.StandardError}");
        built.Add(tag);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var tag in built)
        {
            await DockerEngine.RunAsync(TimeSpan.FromMinutes(1), "image", "rm", "-f", $"{AirflowStandIn.Image}:{tag}");
        }
    }
}

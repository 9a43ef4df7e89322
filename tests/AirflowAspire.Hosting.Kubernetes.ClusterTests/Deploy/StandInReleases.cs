namespace AirflowAspire.Hosting.Kubernetes.ClusterTests.Deploy;

/// <summary>
/// The Airflow STAND-IN (tests/images/airflow-standin, not Airflow) as two releases: images derived from it that only
/// set AIRFLOW_VERSION, which gives each its own migration head in the database (standin_alembic_version), the way
/// each Airflow release has one. Removed again on dispose.
/// </summary>
internal sealed class StandInReleases : IAsyncDisposable
{
    public const string Repository = "airflowaspire-test/airflow-standin";

    private readonly List<string> built = [];

    public static async Task<StandInReleases> BuildAsync(params string[] versions)
    {
        var releases = new StandInReleases();
        using var folder = new TempFolder();
        foreach (var version in versions)
        {
            await File.WriteAllTextAsync(Path.Combine(folder.Path, "Dockerfile"), $"FROM {OfficialImageStandIns.AirflowStandIn}\nENV AIRFLOW_VERSION={version}\n");
            var (exitCode, output, error) = await DockerCli.RunAsync(TimeSpan.FromMinutes(2), "build", "-t", $"{Repository}:{version}", folder.Path);
            Assert.True(exitCode == 0, $"docker build of the stand-in release {version} failed: {output}\n{error}");
            releases.built.Add($"{Repository}:{version}");
        }

        return releases;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var image in built)
        {
            await DockerCli.RunAsync(TimeSpan.FromMinutes(1), "rmi", image);
        }
    }
}

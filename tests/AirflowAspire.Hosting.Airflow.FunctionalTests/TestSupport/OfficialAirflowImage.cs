namespace AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;

/// <summary>
/// The official apache/airflow image a model names, where the local engine has it. No machine of this project can
/// pull it, so the tests that need real Airflow skip, with that reason, wherever it is absent (CI too).
/// </summary>
internal static class OfficialAirflowImage
{
    /// <summary>Skips the test unless the engine holds <paramref name="image"/>.</summary>
    public static void SkipUnlessPresent(AirflowImage image)
    {
        DockerEngine.SkipOrFailIfMissing();
        Skip.IfNot(IsPresent(image), $"The official image {image} is not in the local Docker engine (`docker image inspect` finds no such image), and none can be pulled here: load it with `docker load` or pull it where a registry answers to run this test.");
    }

    /// <summary>Whether the engine holds any image under the official name: the real one, or the stand-in tagged so.</summary>
    public static bool NameIsTaken(AirflowImage image) =>
        DockerEngine.Run(TimeSpan.FromSeconds(30), "image", "inspect", "--format", "{{.Id}}", image.Reference).ExitCode == 0;

    /// <summary>
    /// Whether the engine holds the image, and it is not the stand-in under that name (the cluster tests tag it so
    /// for a while; a run cut short can leave the tag behind).
    /// </summary>
    public static bool IsPresent(AirflowImage image)
    {
        var (exitCode, title, _) = DockerEngine.Run(TimeSpan.FromSeconds(30), "image", "inspect", "--format", "{{index .Config.Labels \"org.opencontainers.image.title\"}}", image.Reference);
        return exitCode == 0 && title != AirflowStandIn.Image;
    }
}

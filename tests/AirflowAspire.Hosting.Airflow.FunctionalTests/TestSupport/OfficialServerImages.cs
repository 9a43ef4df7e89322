using Aspire.Hosting.Testing;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;

/// <summary>
/// The official Postgres and Redis images Aspire's integrations put in a model. No machine of this project can pull
/// them, so a run of the AppHost as it is shows them failing to start, unless the engine holds an image of that name:
/// a real one loaded by hand, or a test image left under it by a cluster test run cut short (tests/images/build.sh
/// untags those).
/// </summary>
internal static class OfficialServerImages
{
    public static IReadOnlyList<string> Names()
    {
        using var builder = DistributedApplicationTestingBuilder.Create();
        IResource[] servers = [builder.AddPostgres("postgres").Resource, builder.AddRedis("redis").Resource];
        return [.. servers.Select(server => server.Annotations.OfType<ContainerImageAnnotation>().Last()).Select(image => $"{(image.Registry is null ? string.Empty : image.Registry + "/")}{image.Image}:{image.Tag}")];
    }

    /// <summary>Skips the test when the engine holds an image under one of the official names, saying which and why.</summary>
    public static void SkipIfAnyPresent()
    {
        var present = Names().Where(name => DockerEngine.Run(TimeSpan.FromSeconds(30), "image", "inspect", "--format", "{{.Id}}", name).ExitCode == 0).ToList();
        Skip.If(present.Count > 0,
            $"The engine holds {string.Join(" and ", present)}, so the AppHost's servers start instead of failing to pull as they do for a user here. " +
            "If it is a test image a cluster test run left under that name, tests/images/build.sh untags it.");
    }
}

using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Orchestration.Tests.TestSupport;

namespace AirflowAspire.Orchestration.Tests.Containers;

/// <summary>
/// The images tests/images/build.sh makes from Debian's packages (./test.sh runs it), and the check that
/// a Docker engine and they are there.
/// </summary>
internal static class TestImages
{
    public static readonly ContainerImageAnnotation Debian = new("airflowaspire-test/debian", "bookworm");
    public static readonly ContainerImageAnnotation Redis = new("airflowaspire-test/redis", "7.0");
    public static readonly ContainerImageAnnotation Postgres = new("airflowaspire-test/postgres", "15");

    private static readonly Lazy<Task<string?>> Problem = new(FindProblemAsync);

    /// <summary>Skips the test (fails it in CI) when docker or the test images are missing.</summary>
    public static async Task RequireAsync()
    {
        var problem = await Problem.Value;
        RequiredTool.SkipOrFailIfMissing(problem is not null, problem ?? string.Empty);
    }

    private static async Task<string?> FindProblemAsync()
    {
        DockerCommand.Result info;
        try
        {
            info = await DockerCommand.RunAsync("version", "--format", "{{.Server.Version}}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "docker is not installed";
        }

        if (!info.Succeeded)
        {
            return $"the Docker engine does not answer ({info.Error.Trim()})";
        }

        foreach (var image in new[] { Debian, Redis, Postgres })
        {
            if (!(await DockerCommand.RunAsync("image", "inspect", image.Reference)).Succeeded)
            {
                return $"the test image {image.Reference} is missing (tests/images/build.sh builds it)";
            }
        }

        return null;
    }
}

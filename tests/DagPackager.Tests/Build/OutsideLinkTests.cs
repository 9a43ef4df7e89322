using AirflowAspire.DagPackager.Tests.TestSupport;

namespace AirflowAspire.DagPackager.Tests.Build;

/// <summary>
/// A symbolic link in the project whose target, fully resolved, is outside the project is refused by build, the way
/// validate reports it: otherwise the file it leads to (a registry login, a key) would be copied into a pushed image.
/// Links that stay in the project still go in as the files they lead to.
/// </summary>
public sealed class OutsideLinkTests : IDisposable
{
    private const string Secret = "{\"auths\": {\"registry.example.com\": {\"auth\": \"c2VjcmV0LXRva2Vu\"}}}";

    private readonly TempFolder temp = new();
    private readonly string repository = "dagpackager-test/outside-link-" + Guid.NewGuid().ToString("N")[..10];

    private bool usedDocker;

    public void Dispose()
    {
        foreach (var image in usedDocker ? Images() : [])
        {
            DockerCli.Run("image", "rm", "--force", image);
        }

        temp.Dispose();
    }

    [SkippableFact]
    public async Task A_link_to_a_file_outside_the_project_fails_the_build_and_no_image_holds_the_file()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        DockerCli.Require();
        usedDocker = true;
        var project = SampleProject.Create(temp);
        var secret = temp.Write("home/.docker/config.json", Secret);
        temp.Symlink("project/dags/config.json", secret);

        var run = await CommandRun.InvokeAsync(
            "build", project, "--airflow-version", "3.2.2", "--base-image", DockerCli.BaseImage, "--repository", repository,
            "--container-runtime", "docker", "--json");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"{Path.Combine(project, "dags", "config.json")} is a symbolic link to {secret}, outside the project", run.Error);
        Assert.Contains("copy the file into the project, or exclude the link in .dockerignore", run.Error);
        Assert.DoesNotContain("c2VjcmV0LXRva2Vu", run.Output + run.Error);
        Assert.Empty(Images());
    }

    [SkippableFact]
    public async Task A_link_that_leaves_the_project_through_other_links_or_a_linked_folder_is_refused_and_no_context_holds_the_file()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        var project = SampleProject.Create(temp);
        var secret = temp.Write("home/.docker/config.json", Secret);

        // dags/a.py -> b.py -> ../outside/config.json, where outside is a link (in the project) to ~/.docker.
        Directory.CreateSymbolicLink(temp.Combine("project/outside"), temp.Combine("home/.docker"));
        temp.Symlink("project/dags/b.py", "../outside/config.json");
        temp.Symlink("project/dags/a.py", "b.py");
        var chained = await ContextOnly(project);

        Assert.True(chained.Run.ExitCode == 2, chained.Run.ToString());
        Assert.Contains($"{Path.Combine(project, "dags", "a.py")} is a symbolic link to {secret}, outside the project", chained.Run.Error);
        Assert.DoesNotContain(Secret, chained.Files);

        // A folder link out of the project.
        File.Delete(temp.Combine("project/dags/a.py"));
        File.Delete(temp.Combine("project/dags/b.py"));
        temp.Symlink("project/plugins/docker", temp.Combine("home/.docker"));
        var folder = await ContextOnly(project);

        Assert.True(folder.Run.ExitCode == 2, folder.Run.ToString());
        Assert.Contains($"{Path.Combine(project, "plugins", "docker")} is a symbolic link to {temp.Combine("home/.docker")}, outside the project", folder.Run.Error);
        Assert.DoesNotContain(Secret, folder.Files);
    }

    [SkippableFact]
    public async Task Validate_reports_the_same_link_that_build_refuses()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        Python3.Require();
        var project = SampleProject.Create(temp);
        var secret = temp.Write("home/.docker/config.json", Secret);
        temp.Symlink("project/dags/config.py", secret);

        var build = await ContextOnly(project);
        var validate = await CommandRun.InvokeAsync("validate", Path.Combine(project, "dags"), "--json");

        Assert.True(build.Run.ExitCode == 2, build.Run.ToString());
        var problem = Assert.Single(JsonReport.Parse(validate.Output).WithCode("symlink-outside"));
        Assert.Equal("config.py", problem.File);
        Assert.Contains(secret, problem.Message);
    }

    [SkippableFact]
    public async Task A_link_within_the_project_goes_in_as_the_file_it_leads_to()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        var project = SampleProject.Create(temp);
        temp.Write("project/shared/common.py", "SHARED = True\n");
        temp.Symlink("project/dags/common.py", "../shared/common.py");
        temp.Symlink("project/dags/common_again.py", "common.py");

        var (run, _) = await ContextOnly(project);

        Assert.True(run.ExitCode == 0, run.ToString());
        var output = Line(run.Output, "context:");
        foreach (var file in new[] { "dags/common.py", "dags/common_again.py" })
        {
            var copy = new FileInfo(Path.Combine(output, file));
            Assert.Null(copy.LinkTarget);
            Assert.Equal("SHARED = True\n", File.ReadAllText(copy.FullName));
        }
    }

    /// <summary>build --context-only into a new folder under the test's, and the text of every file that ended up there.</summary>
    private async Task<(CommandRun Run, IReadOnlyList<string> Files)> ContextOnly(string project)
    {
        var output = temp.Combine("context-" + Guid.NewGuid().ToString("N")[..8]);
        var run = await SampleProject.BuildAsync(project, "--context-only", "--output", output);
        var files = Directory.Exists(output)
            ? Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Select(File.ReadAllText).ToList()
            : [];
        return (run, files);
    }

    private List<string> Images()
    {
        var list = DockerCli.Run("image", "ls", "--quiet", repository);
        return list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    private static string Line(string output, string prefix) =>
        output.Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..].Trim();
}

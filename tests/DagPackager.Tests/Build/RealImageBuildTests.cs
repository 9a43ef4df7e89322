using System.Text.Json;
using AirflowAspire.DagPackager.Tests.TestSupport;

namespace AirflowAspire.DagPackager.Tests.Build;

/// <summary>
/// build with a real Docker engine, on the Debian image the tests build from Debian's packages (given with
/// --base-image, as no registry is reachable): the DAG files read back out of the image are the project's,
/// owned by 50000:0 with their modes, and the image carries the labels. The image is removed afterwards.
/// </summary>
public sealed class RealImageBuildTests : IDisposable
{
    private readonly TempFolder temp = new();
    private readonly string repository = "dagpackager-test/build-" + Guid.NewGuid().ToString("N")[..10];
    private readonly List<string> images = [];

    public void Dispose()
    {
        foreach (var image in images)
        {
            DockerCli.Run("image", "rm", "--force", image);
        }

        temp.Dispose();
    }

    [SkippableFact]
    public async Task Build_makes_an_image_with_the_DAG_files_and_the_labels()
    {
        DockerCli.Require();
        var project = SampleProject.Create(temp);
        temp.Write("project/dags/__pycache__/hello.cpython-312.pyc", "cache");

        var run = await Build(project);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var result = JsonDocument.Parse(run.Output);
        var reference = result.RootElement.GetProperty("reference").GetString()!;
        var dagHash = result.RootElement.GetProperty("dagHash").GetString()!;
        Assert.True(result.RootElement.GetProperty("built").GetBoolean());
        Assert.Equal($"{repository}:{dagHash[..12]}", reference);
        Assert.Equal(JsonValueKind.Null, result.RootElement.GetProperty("context").ValueKind); // the temporary context is gone

        // The files, read back out of the image without running it.
        var container = DockerCli.Run("create", reference);
        Assert.True(container.ExitCode == 0, container.ToString());
        var id = container.Output.Trim();
        temp.Folder("out");
        try
        {
            foreach (var folder in new[] { "dags", "plugins" })
            {
                var copy = DockerCli.Run("cp", $"{id}:/opt/airflow/{folder}", temp.Combine($"out/{folder}"));
                Assert.True(copy.ExitCode == 0, copy.ToString());
            }
        }
        finally
        {
            DockerCli.Run("rm", "--force", id);
        }

        var extracted = Directory.EnumerateFiles(temp.Combine("out"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(temp.Combine("out"), f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        Assert.Equal(SampleProject.Files, extracted);
        foreach (var file in SampleProject.Files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(project, file)), File.ReadAllBytes(temp.Combine($"out/{file}")));
        }

        // Owner, group and mode inside the image (the base has no Airflow entrypoint, so stat runs as is).
        var stat = DockerCli.Run("run", "--rm", "--network", "none", reference, "stat", "-c", "%u:%g %a %n",
            "/opt/airflow/dags/hello.py", "/opt/airflow/dags/scripts/run.sh", "/opt/airflow/plugins/my_plugin.py");
        Assert.True(stat.ExitCode == 0, stat.ToString());
        Assert.Equal(
            ["50000:0 644 /opt/airflow/dags/hello.py", "50000:0 755 /opt/airflow/dags/scripts/run.sh", "50000:0 644 /opt/airflow/plugins/my_plugin.py"],
            stat.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        var inspect = DockerCli.Run("image", "inspect", "--format", "{{json .Config.Labels}}", reference);
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        var labels = JsonSerializer.Deserialize<Dictionary<string, string>>(inspect.Output)!;
        Assert.Equal(dagHash, labels["io.airflowaspire.dag-hash"]);
        Assert.Equal("3.2.2", labels["io.airflowaspire.airflow-version"]);
        Assert.Equal(dagHash[..12], labels["org.opencontainers.image.version"]);
        Assert.Equal(DockerCli.BaseImage, labels["org.opencontainers.image.base.name"]);
        Assert.Equal("unknown", labels["org.opencontainers.image.revision"]); // the temp project is not in a git repository
        Assert.Equal("unknown", labels["org.opencontainers.image.source"]);

        // release reads the hash and version from those labels.
        var lockFile = temp.Combine("apphost/dags.lock.json");
        Directory.CreateDirectory(temp.Combine("apphost"));
        var release = await CommandRun.InvokeAsync("release", reference, "--lock", lockFile, "--container-runtime", "docker");
        Assert.True(release.ExitCode == 0, release.ToString());
        using var locked = JsonDocument.Parse(File.ReadAllText(lockFile));
        Assert.Equal(dagHash, locked.RootElement.GetProperty("dagHash").GetString());
        Assert.Equal("3.2.2", locked.RootElement.GetProperty("airflowVersion").GetString());
    }

    [SkippableFact]
    public async Task The_same_project_built_again_gets_the_same_tag_and_a_changed_one_a_new_tag()
    {
        DockerCli.Require();
        var project = SampleProject.Create(temp);

        var first = await Build(project);
        var again = await Build(project);
        temp.Write("project/dags/hello.py", DagSources.WithDag("hello_changed"));
        var changed = await Build(project);

        Assert.True(changed.ExitCode == 0, changed.ToString());
        Assert.Equal(Reference(first), Reference(again));
        Assert.NotEqual(Reference(first), Reference(changed));
        Assert.Equal(0, DockerCli.Run("image", "inspect", Reference(changed)).ExitCode);
    }

    [SkippableFact]
    public async Task In_a_git_repository_the_revision_label_is_the_HEAD_commit()
    {
        DockerCli.Require();
        var project = SampleProject.Create(temp);
        var git = new[] { new[] { "init", "-q" }, ["-c", "user.email=t@example.com", "-c", "user.name=t", "add", "-A"],
            ["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "dags"],
            ["remote", "add", "origin", "https://user:secret@git.example.com/team/dags.git"] };
        foreach (var args in git)
        {
            var step = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", ["-C", project, .. args]))!;
            step.WaitForExit();
            Assert.Equal(0, step.ExitCode);
        }

        var head = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", ["-C", project, "rev-parse", "HEAD"]) { RedirectStandardOutput = true })!;
        var commit = head.StandardOutput.ReadToEnd().Trim();

        var run = await CommandRun.InvokeAsync("build", project, "--airflow-version", "3.2.2", "--repository", repository, "--context-only", "--output", temp.Combine("context"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"--label org.opencontainers.image.revision={commit} ", run.Output);
        Assert.Contains("--label org.opencontainers.image.source=https://git.example.com/team/dags.git ", run.Output);
        Assert.DoesNotContain("secret", run.Output);
    }

    private async Task<CommandRun> Build(string project)
    {
        var run = await CommandRun.InvokeAsync(
            "build", project, "--airflow-version", "3.2.2", "--base-image", DockerCli.BaseImage, "--repository", repository,
            "--container-runtime", "docker", "--json");
        if (run.ExitCode == 0)
        {
            images.Add(Reference(run));
        }

        return run;
    }

    private static string Reference(CommandRun run)
    {
        using var json = JsonDocument.Parse(run.Output);
        return json.RootElement.GetProperty("reference").GetString()!;
    }
}

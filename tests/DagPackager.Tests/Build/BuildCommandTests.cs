using System.Text.Json;
using AirflowAspire.DagPackager.Tests.TestSupport;

namespace AirflowAspire.DagPackager.Tests.Build;

/// <summary><c>dag-packager build</c> on the command line: the context, the printed command, the version from the model, bad input.</summary>
public sealed class BuildCommandTests : IDisposable
{
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Context_only_writes_the_context_and_prints_the_exact_build_command()
    {
        var project = SampleProject.Create(temp);
        var output = temp.Combine("context");

        var run = await SampleProject.BuildAsync(project, "--context-only", "--output", output, "--repository", "registry.example.com:5000/team/dags");

        Assert.True(run.ExitCode == 0, run.ToString());
        var tag = Line(run.Output, "image:").Split(':')[^1];
        Assert.Matches("^[0-9a-f]{12}$", tag);
        var command = run.Output.Split('\n', StringSplitOptions.TrimEntries).Single(l => l.Contains(" build ", StringComparison.Ordinal));
        Assert.Contains($"--tag registry.example.com:5000/team/dags:{tag} {output}", command);
        Assert.Contains("--label io.airflowaspire.airflow-version=3.2.2", command);
        Assert.Contains($"--label io.airflowaspire.dag-hash={tag}", command);
        Assert.Contains($"--label org.opencontainers.image.version={tag}", command);
        Assert.Contains("--label org.opencontainers.image.revision=", command);
        Assert.Contains("--label org.opencontainers.image.source=", command);

        var dockerfile = File.ReadAllText(Path.Combine(output, "Dockerfile"));
        Assert.Contains("ARG AIRFLOW_BASE_IMAGE=apache/airflow:3.2.2\nFROM ${AIRFLOW_BASE_IMAGE}\n", dockerfile);
        Assert.Contains("COPY --chown=50000:0 dags/ /opt/airflow/dags/\n", dockerfile);
        Assert.Contains("COPY --chown=50000:0 plugins/ /opt/airflow/plugins/\n", dockerfile);
        Assert.DoesNotContain("requirements", dockerfile);
        Assert.DoesNotContain("USER", dockerfile);
        Assert.Contains("*\n!Dockerfile\n", File.ReadAllText(Path.Combine(output, ".dockerignore")));
        Assert.True(File.Exists(Path.Combine(output, "dags/etl/extract.py")));
    }

    [Fact]
    public async Task Json_gives_the_tag_the_full_hash_and_the_command()
    {
        var project = SampleProject.Create(temp);

        var run = await SampleProject.BuildAsync(project, "--context-only", "--json", "--output", temp.Combine("context"));

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal("airflow-dags", root.GetProperty("image").GetString());
        Assert.StartsWith(root.GetProperty("tag").GetString()!, root.GetProperty("dagHash").GetString()!);
        Assert.Equal($"airflow-dags:{root.GetProperty("tag").GetString()}", root.GetProperty("reference").GetString());
        Assert.Equal(4, root.GetProperty("files").GetInt32());
        Assert.False(root.GetProperty("built").GetBoolean());
        Assert.Contains("--tag airflow-dags:", root.GetProperty("command").GetString());
    }

    [Fact]
    public async Task Requirements_are_installed_with_Airflows_constraints_and_packages_as_root()
    {
        var project = SampleProject.Create(temp);
        temp.Write("project/requirements.txt", "apache-airflow-providers-cncf-kubernetes\n");
        temp.Write("project/packages.txt", "# tools\ngit  libpq-dev\ncurl=7.88.1-10+deb12u14\n");
        var output = temp.Combine("context");

        var run = await SampleProject.BuildAsync(project, "--context-only", "--output", output, "--airflow-version", "2.11.0");

        Assert.True(run.ExitCode == 0, run.ToString());
        var dockerfile = File.ReadAllText(Path.Combine(output, "Dockerfile"));
        Assert.Contains("ARG AIRFLOW_BASE_IMAGE=apache/airflow:2.11.0\n", dockerfile);
        Assert.Contains("USER root\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends \\\n      git \\\n      libpq-dev \\\n      curl=7.88.1-10+deb12u14 \\\n", dockerfile);
        Assert.Contains("rm -rf /var/lib/apt/lists/*\nUSER 50000:0\n", dockerfile);
        Assert.Contains("COPY --chown=50000:0 requirements.txt /requirements.txt\n", dockerfile);
        Assert.Contains("pip install --no-cache-dir \"apache-airflow==2.11.0\" -r /requirements.txt", dockerfile);
        Assert.Contains("--constraint \"https://raw.githubusercontent.com/apache/airflow/constraints-2.11.0/constraints-${PYTHON_VERSION}.txt\"", dockerfile);
        Assert.True(dockerfile.IndexOf("apt-get", StringComparison.Ordinal) < dockerfile.IndexOf("pip install", StringComparison.Ordinal));
        Assert.True(dockerfile.IndexOf("pip install", StringComparison.Ordinal) < dockerfile.IndexOf("COPY --chown=50000:0 dags/", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(output, "requirements.txt")));
    }

    [Fact]
    public async Task A_package_name_that_is_not_one_is_refused()
    {
        var project = SampleProject.Create(temp);
        temp.Write("project/packages.txt", "git\ncurl; rm -rf /\n");

        var run = await SampleProject.BuildAsync(project, "--context-only", "--output", NewContext());

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("packages.txt:2: 'curl;' is not a Debian package name", run.Error);
    }

    [Fact]
    public async Task The_Airflow_version_comes_from_the_nearest_manifest_and_the_option_overrides_it()
    {
        var project = SampleProject.Create(temp, "repo/project");
        temp.Write("repo/aspire-manifest.json", Manifest("docker.io/apache/airflow:2.11.0-python3.11"));

        var fromManifest = await SampleProject.BuildAsync(project, "--context-only", "--output", NewContext(), "--json", "--manifest", temp.Combine("repo/aspire-manifest.json"));
        var nearest = await CommandRun.InvokeAsync("build", project, "--context-only", "--output", NewContext(), "--json");
        var overridden = await CommandRun.InvokeAsync("build", project, "--context-only", "--output", NewContext(), "--json", "--airflow-version", "3.2.2");

        Assert.True(nearest.ExitCode == 0, nearest.ToString());
        Assert.Equal(fromManifest.Output.Split("\"context\"")[0], nearest.Output.Split("\"context\"")[0]);
        using var json = JsonDocument.Parse(nearest.Output);
        Assert.Equal("2.11.0", json.RootElement.GetProperty("airflowVersion").GetString());
        Assert.Equal("apache/airflow:2.11.0-python3.11", json.RootElement.GetProperty("baseImage").GetString());
        using var other = JsonDocument.Parse(overridden.Output);
        Assert.Equal("3.2.2", other.RootElement.GetProperty("airflowVersion").GetString());
    }

    [Fact]
    public async Task The_repositorys_own_manifest_gives_the_AppHosts_Airflow_version()
    {
        var root = SampleProject.RepositoryRoot();
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "aspire-manifest.json")));
        var image = manifest.RootElement.GetProperty("resources").GetProperty("airflow-scheduler").GetProperty("image").GetString()!;
        var project = SampleProject.Create(temp);

        var run = await CommandRun.InvokeAsync("build", project, "--context-only", "--output", NewContext(), "--json", "--manifest", Path.Combine(root, "aspire-manifest.json"));

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(image.Split(':')[^1], json.RootElement.GetProperty("airflowVersion").GetString());
    }

    [Fact]
    public async Task Without_a_version_or_manifest_it_exits_2_and_says_what_to_give()
    {
        var project = SampleProject.Create(temp);

        var run = await CommandRun.InvokeAsync("build", project, "--context-only", "--output", NewContext());

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("No Airflow version", run.Error);
        Assert.Contains("--airflow-version", run.Error);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public async Task A_manifest_without_an_Airflow_scheduler_is_reported()
    {
        var project = SampleProject.Create(temp);
        temp.Write("m.json", """{"resources": {"redis": {"type": "container.v0", "image": "docker.io/library/redis:7.4.5"}}}""");

        var run = await CommandRun.InvokeAsync("build", project, "--context-only", "--output", NewContext(), "--manifest", temp.Combine("m.json"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("no Airflow scheduler container", run.Error);
    }

    [Fact]
    public async Task Without_a_container_runtime_a_build_exits_2_before_any_work()
    {
        var project = SampleProject.Create(temp);

        var run = await SampleProject.BuildAsync(project, "--container-runtime", "none", "--output", temp.Combine("context"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("No container runtime", run.Error);
        Assert.Contains("--context-only", run.Error);
        Assert.False(Directory.Exists(temp.Combine("context")));
    }

    [Fact]
    public async Task A_project_without_dags_is_refused()
    {
        temp.Write("project/requirements.txt", "pandas\n");

        var run = await SampleProject.BuildAsync(temp.Combine("project"), "--context-only", "--output", NewContext());

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("has no 'dags' folder", run.Error);
    }

    [Fact]
    public async Task A_folder_that_is_not_an_earlier_context_is_never_emptied()
    {
        var project = SampleProject.Create(temp);
        var precious = temp.Write("mine/notes.txt", "keep me");

        var run = await SampleProject.BuildAsync(project, "--context-only", "--output", temp.Combine("mine"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("not an earlier dag-packager context", run.Error);
        Assert.Equal("keep me", File.ReadAllText(precious));
    }

    [Fact]
    public async Task An_earlier_context_is_replaced_whole()
    {
        var project = SampleProject.Create(temp);
        var output = temp.Combine("context");
        Assert.Equal(0, (await SampleProject.BuildAsync(project, "--context-only", "--output", output)).ExitCode);
        File.Delete(Path.Combine(project, "dags/hello.py"));

        var run = await SampleProject.BuildAsync(project, "--context-only", "--output", output);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(File.Exists(Path.Combine(output, "dags/hello.py")));
    }

    [Fact]
    public async Task A_bad_repository_name_or_push_with_context_only_is_bad_usage()
    {
        var project = SampleProject.Create(temp);

        var badName = await SampleProject.BuildAsync(project, "--context-only", "--output", NewContext(), "--repository", "Team/DAGs:latest");
        var pushWithoutBuild = await SampleProject.BuildAsync(project, "--context-only", "--output", NewContext(), "--push");

        Assert.True(badName.ExitCode == 2, badName.ToString());
        Assert.Contains("is not an image repository", badName.Error);
        Assert.True(pushWithoutBuild.ExitCode == 2, pushWithoutBuild.ToString());
        Assert.Contains("--push", pushWithoutBuild.Error);
    }

    [Fact]
    public async Task A_command_line_that_does_not_parse_is_bad_usage()
    {
        var missing = await CommandRun.InvokeAsync("build");
        var unknown = await CommandRun.InvokeAsync("build", temp.Path, "--no-such-option");

        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains("Usage: dag-packager build <project-dir>", missing.Error);
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("'--no-such-option'", unknown.Error);
    }

    [SkippableFact]
    public async Task A_symlink_to_a_file_is_copied_as_the_file_and_one_to_nothing_or_a_folder_is_refused()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        var project = SampleProject.Create(temp);
        temp.Write("project/shared/common.py", "SHARED = True\n");
        temp.Symlink("project/dags/common.py", temp.Combine("project/shared/common.py"));
        var output = temp.Combine("context");

        var run = await SampleProject.BuildAsync(project, "--context-only", "--output", output);

        Assert.True(run.ExitCode == 0, run.ToString());
        var copy = new FileInfo(Path.Combine(output, "dags/common.py"));
        Assert.Null(copy.LinkTarget);
        Assert.Equal("SHARED = True\n", File.ReadAllText(copy.FullName));

        File.CreateSymbolicLink(temp.Combine("project/dags/dangling.py"), temp.Combine("project/shared/gone.py"));
        var dangling = await SampleProject.BuildAsync(project, "--context-only", "--output", NewContext());
        Assert.True(dangling.ExitCode == 2, dangling.ToString());
        Assert.Contains("dangling.py", dangling.Error);
        File.Delete(temp.Combine("project/dags/dangling.py"));

        Directory.CreateSymbolicLink(temp.Combine("project/dags/linked"), temp.Combine("project/shared"));
        var folderLink = await SampleProject.BuildAsync(project, "--context-only", "--output", NewContext());
        Assert.True(folderLink.ExitCode == 2, folderLink.ToString());
        Assert.Contains("is a symbolic link to a folder", folderLink.Error);
    }

    // Every context goes under the test's folder: without --output, --context-only keeps a temporary one for the user.
    private string NewContext() => temp.Combine("context-" + Guid.NewGuid().ToString("N")[..8]);

    internal static string Manifest(string airflowImage) => $$"""
        {
          "resources": {
            "postgres": { "type": "container.v0", "image": "docker.io/library/postgres:17.6" },
            "airflow-api-server": { "type": "container.v0", "image": "{{airflowImage}}" },
            "airflow-scheduler": { "type": "container.v0", "image": "{{airflowImage}}" }
          }
        }
        """;

    private static string Line(string output, string prefix) =>
        output.Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..].Trim();
}

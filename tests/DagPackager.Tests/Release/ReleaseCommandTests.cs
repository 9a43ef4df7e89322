using System.Text.Json;
using AirflowAspire.DagPackager.Release;
using AirflowAspire.DagPackager.Tests.TestSupport;

namespace AirflowAspire.DagPackager.Tests.Release;

/// <summary><c>dag-packager release</c>: the lock file, its determinism, the AppHost folder it goes to, and bad input.</summary>
public sealed class ReleaseCommandTests : IDisposable
{
    internal const string Hash = "3f2a9c01b7e4d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e";
    internal const string Image = "registry.example.com/team/dags:3f2a9c01b7e4";

    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Release_writes_the_lock_file_deterministically()
    {
        var lockFile = temp.Combine("dags.lock.json");

        var first = await Release(Image, "--lock", lockFile);
        var bytes = File.ReadAllBytes(lockFile);
        var second = await Release(Image, "--lock", lockFile);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(bytes, File.ReadAllBytes(lockFile));
        Assert.Equal(
            "{\n  \"image\": \"registry.example.com/team/dags\",\n  \"tag\": \"3f2a9c01b7e4\",\n" +
            $"  \"dagHash\": \"{Hash}\",\n  \"airflowVersion\": \"3.2.2\"\n}}\n",
            File.ReadAllText(lockFile));
        Assert.Contains(lockFile, first.Output);
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
    }

    [Fact]
    public async Task A_new_release_rewrites_the_lock()
    {
        var lockFile = temp.Combine("dags.lock.json");
        Assert.Equal(0, (await Release(Image, "--lock", lockFile)).ExitCode);

        var run = await CommandRun.InvokeAsync(
            "release", "other/dags:0123456789ab", "--lock", lockFile, "--dag-hash", "0123456789ab" + new string('0', 52), "--airflow-version", "2.11.0");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(lockFile));
        Assert.Equal("other/dags", json.RootElement.GetProperty("image").GetString());
        Assert.Equal("0123456789ab", json.RootElement.GetProperty("tag").GetString());
        Assert.Equal("2.11.0", json.RootElement.GetProperty("airflowVersion").GetString());
    }

    [Fact]
    public async Task Without_lock_the_file_goes_to_the_AppHost_project_found_from_the_working_folder()
    {
        temp.Write("repo/AppHost/AppHost.csproj", "<Project><PropertyGroup><IsAirflowAspireAppHost>true</IsAirflowAspireAppHost></PropertyGroup></Project>");
        temp.Write("repo/DagPackager/DagPackager.csproj", "<Project />");
        temp.Folder("repo/dags/team");

        Assert.Equal(temp.Combine("repo/AppHost"), AppHostFolder.Find(temp.Combine("repo")));
        Assert.Equal(temp.Combine("repo/AppHost"), AppHostFolder.Find(temp.Combine("repo/dags/team")));
        Assert.Equal(temp.Combine("repo/AppHost"), AppHostFolder.Find(temp.Combine("repo/AppHost")));

        var run = ReleaseRun.Run(
            new ReleaseRequest(Image, DagHash: Hash, AirflowVersion: "3.2.2", WorkingDirectory: temp.Combine("repo/dags")),
            new StringWriter(), new StringWriter());
        Assert.Equal(0, run);
        Assert.True(File.Exists(temp.Combine("repo/AppHost/dags.lock.json")));
    }

    [Fact]
    public void Without_lock_and_without_an_AppHost_it_says_to_give_lock()
    {
        temp.Folder("nothing");
        var error = new StringWriter();

        var exit = ReleaseRun.Run(new ReleaseRequest(Image, DagHash: Hash, AirflowVersion: "3.2.2", WorkingDirectory: temp.Combine("nothing")), new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.Contains("No AppHost project", error.ToString());
        Assert.Contains("--lock", error.ToString());
    }

    [Theory]
    [InlineData("dags:latest", "is not an image that dag-packager build made")]
    [InlineData("dags", "is not an image that dag-packager build made")]
    [InlineData("Team/Dags:3f2a9c01b7e4", "is not an image repository")]
    public async Task A_tag_that_build_did_not_make_is_refused(string image, string message)
    {
        var run = await Release(image, "--lock", temp.Combine("dags.lock.json"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error);
        Assert.False(File.Exists(temp.Combine("dags.lock.json")));
    }

    [Fact]
    public async Task A_missing_tag_is_bad_usage()
    {
        var run = await CommandRun.InvokeAsync("release", "--lock", temp.Combine("dags.lock.json"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("Usage: dag-packager release <repository:hash12>", run.Error);
    }

    [Fact]
    public async Task A_hash_that_does_not_start_with_the_tag_is_refused()
    {
        var run = await CommandRun.InvokeAsync(
            "release", Image, "--lock", temp.Combine("dags.lock.json"), "--dag-hash", new string('a', 64), "--airflow-version", "3.2.2");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("is not the content hash of registry.example.com/team/dags:3f2a9c01b7e4", run.Error);
    }

    [Fact]
    public async Task Without_labels_to_read_it_asks_for_the_hash_and_version()
    {
        var run = await CommandRun.InvokeAsync("release", Image, "--lock", temp.Combine("dags.lock.json"), "--container-runtime", "none");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("no container runtime", run.Error);
        Assert.Contains("--dag-hash and --airflow-version", run.Error);
    }

    [Fact]
    public async Task A_missing_kustomization_fails_before_the_lock_is_written()
    {
        temp.Folder("tree");

        var run = await Release(Image, "--lock", temp.Combine("dags.lock.json"), "--kustomize", temp.Combine("tree"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("No kustomization at", run.Error);
        Assert.False(File.Exists(temp.Combine("dags.lock.json")));
    }

    internal static Task<CommandRun> Release(string image, params string[] args) =>
        CommandRun.InvokeAsync(["release", image, "--dag-hash", Hash, "--airflow-version", "3.2.2", .. args]);
}

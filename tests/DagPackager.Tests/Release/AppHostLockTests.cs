using AirflowAspire.DagPackager.Tests.TestSupport;

namespace AirflowAspire.DagPackager.Tests.Release;

/// <summary>
/// The AppHost side of a release: <c>dags.lock.json</c> in the AppHost folder (or WithDagImageLock) makes every
/// Airflow component run the released image, in the model and so in what the publishers write.
/// </summary>
public sealed class AppHostLockTests : IDisposable
{
    private readonly TempFolder temp = new();

    public AppHostLockTests() => temp.Folder("apphost");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_model_with_a_released_lock_publishes_the_locked_image_for_every_Airflow_component()
    {
        var release = await ReleaseCommandTests.Release(ReleaseCommandTests.Image, "--lock", temp.Combine("apphost/dags.lock.json"));
        Assert.True(release.ExitCode == 0, release.ToString());

        var images = await Images(a => a.WithFlower().WithTriggerer());

        var airflow = images.Where(i => i.Key.StartsWith("airflow-", StringComparison.Ordinal)).ToList();
        Assert.Equal(7, airflow.Count); // init, api-server, scheduler, dag-processor, triggerer, worker, flower
        Assert.All(airflow, i => Assert.Equal(ReleaseCommandTests.Image, i.Value));
        Assert.StartsWith("docker.io/library/postgres:", images["postgres"]);
    }

    [Fact]
    public async Task Without_a_lock_the_official_image_runs()
    {
        var images = await Images();

        Assert.Equal($"docker.io/apache/airflow:{OfficialTag}", images["airflow-scheduler"]);
    }

    [Fact]
    public async Task WithImage_wins_over_a_lock_that_lies_in_the_AppHost_folder()
    {
        WriteLock("apphost/dags.lock.json", "dags", "aaaaaaaaaaaa");

        var images = await Images(a => a.WithImage("my/own", "1.0"));

        Assert.Equal("my/own:1.0", images["airflow-scheduler"]);
    }

    [Fact]
    public async Task WithDagImageLock_reads_a_lock_kept_elsewhere_relative_to_the_AppHost()
    {
        WriteLock("locks/prod.json", "registry.example.com:5000/team/dags", "bbbbbbbbbbbb");

        var images = await Images(a => a.WithDagImageLock("../locks/prod.json"));

        Assert.Equal("registry.example.com:5000/team/dags:bbbbbbbbbbbb", images["airflow-api-server"]);
    }

    [Fact]
    public async Task WithDagImageLock_on_a_missing_file_names_it()
    {
        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => Images(a => a.WithDagImageLock("../locks/none.json")));

        Assert.Contains(temp.Combine("locks/none.json"), error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public async Task WithImage_and_WithDagImageLock_together_is_an_error()
    {
        WriteLock("apphost/dags.lock.json", "dags", "aaaaaaaaaaaa");

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => Images(a => a.WithImage("my/own", "1.0").WithDagImageLock("dags.lock.json")));

        Assert.Contains("keep one", error.Message);
    }

    [Theory]
    [InlineData("{ not json", "not JSON")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("""{"image": "dags"}""", "no \"tag\"")]
    [InlineData("""{"image": "dags", "tag": 12}""", "\"tag\" is not a non-empty string")]
    [InlineData("""{"image": "dags:latest", "tag": "aaaaaaaaaaaa"}""", "without a tag")]
    [InlineData("""{"image": "has space", "tag": "aaaaaaaaaaaa"}""", "write it as [registry/]name[:tag]")]
    [InlineData("""{"image": "dags", "tag": "aaaaaaaaaaaa", "airflowVersion": "x"}""", "is not an Airflow version")]
    public async Task A_malformed_lock_is_a_clear_error_naming_the_file(string json, string reason)
    {
        var path = temp.Write("apphost/dags.lock.json", json);

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => Images());

        Assert.Contains($"the DAG image lock {path} is malformed", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public async Task A_lock_built_on_another_Airflow_version_asks_for_WithVersion()
    {
        WriteLock("apphost/dags.lock.json", "dags", "aaaaaaaaaaaa", airflowVersion: "2.11.0");

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => Images());
        var images = await Images(a => a.WithVersion("2.11.0"));

        Assert.Contains("built on Airflow 2.11.0", error.Message);
        Assert.Contains(".WithVersion(\"2.11.0\")", error.Message);
        Assert.Equal("dags:aaaaaaaaaaaa", images["airflow-webserver"]);
    }

    private const string OfficialTag = "3.2.2";

    private void WriteLock(string relative, string image, string tag, string airflowVersion = OfficialTag) =>
        temp.Write(relative, $$"""{"image": "{{image}}", "tag": "{{tag}}", "dagHash": "{{tag}}{{new string('0', 52)}}", "airflowVersion": "{{airflowVersion}}"}""");

    private Task<Dictionary<string, string>> Images(Func<IResourceBuilder<AirflowResource>, IResourceBuilder<AirflowResource>>? configure = null) =>
        CeleryAirflowModel.PublishedImagesAsync(temp.Combine("apphost"), configure);
}

using AirflowAspire.DagPackager.Tests.TestSupport;

namespace AirflowAspire.DagPackager.Tests.Release;

/// <summary>
/// release on a tree the kustomize environment wrote (<c>aspire publish</c>), rendered with
/// <c>kubectl kustomize</c>: the Airflow pods carry the tag; the next publish runs the locked image by itself,
/// and the release after that moves that tree on.
/// </summary>
public sealed class PublishedTreeReleaseTests : IDisposable
{
    private const string Official = "docker.io/apache/airflow:3.2.2";
    private readonly TempFolder temp = new();

    public PublishedTreeReleaseTests() => temp.Folder("apphost");

    public void Dispose() => temp.Dispose();

    [SkippableFact]
    public async Task The_published_manifests_carry_the_released_tag()
    {
        Kubectl.Require();
        var first = await Publish("k8s");
        var before = Kubectl.RenderedImages(first);
        var airflowContainers = before.Where(i => i.Value == Official).Select(i => i.Key).ToList();
        Assert.Contains(airflowContainers, c => c.Contains("scheduler", StringComparison.Ordinal));
        Assert.Contains(airflowContainers, c => c.Contains("worker", StringComparison.Ordinal));

        var lockFile = temp.Combine("apphost/dags.lock.json");
        var release = await ReleaseCommandTests.Release(ReleaseCommandTests.Image, "--lock", lockFile, "--kustomize", first);

        Assert.True(release.ExitCode == 0, release.ToString());
        var after = Kubectl.RenderedImages(first);
        Assert.All(airflowContainers, c => Assert.Equal(ReleaseCommandTests.Image, after[c]));
        Assert.All(before.Where(i => i.Value != Official), i => Assert.Equal(i.Value, after[i.Key]));

        // The AppHost now reads the lock: the next publish runs the released image without any edit.
        var second = await Publish("k8s-next");
        var republished = Kubectl.RenderedImages(second);
        Assert.All(airflowContainers, c => Assert.Equal(ReleaseCommandTests.Image, republished[c]));

        // And the next release moves that tree, whose images: entry now names the released repository.
        var next = await CommandRun.InvokeAsync(
            "release", "registry.example.com/team/dags:0123456789ab", "--lock", lockFile, "--kustomize", second,
            "--dag-hash", "0123456789ab" + new string('2', 52), "--airflow-version", "3.2.2");
        Assert.True(next.ExitCode == 0, next.ToString());
        var moved = Kubectl.RenderedImages(second);
        Assert.All(airflowContainers, c => Assert.Equal("registry.example.com/team/dags:0123456789ab", moved[c]));
    }

    private Task<string> Publish(string output) =>
        CeleryAirflowModel.PublishKustomizeTreeAsync(temp.Combine("apphost"), temp.Combine(output), airflow => airflow.WithWorkers(2).WithTriggerer());
}

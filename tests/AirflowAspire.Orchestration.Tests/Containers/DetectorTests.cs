using AirflowAspire.Hosting;
using AirflowAspire.Hosting.Orchestration.Containers;
using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Orchestration.Tests.Containers;

public sealed class DetectorTests
{
    [Fact]
    public async Task The_setting_none_turns_containers_off_and_says_how_to_turn_them_on()
    {
        var detection = await ContainerRuntimeDetector.DetectAsync("none", null, CancellationToken.None);

        Assert.Null(detection.Runtime);
        Assert.False(detection.Availability.IsAvailable);
        Assert.Contains("'none'", detection.Availability.Description);
        Assert.Contains("docker or podman", detection.Availability.Description);
    }

    [Fact]
    public async Task An_unknown_setting_is_an_error_that_lists_the_choices()
    {
        var error = await Assert.ThrowsAsync<DistributedApplicationException>(
            () => ContainerRuntimeDetector.DetectAsync("containerd", null, CancellationToken.None));

        Assert.Contains("'containerd'", error.Message);
        Assert.Contains("docker, podman or none", error.Message);
    }

    [Fact]
    public void The_configuration_key_gives_the_setting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ContainerRuntime"] = "podman" })
            .Build();

        Assert.Equal("podman", ContainerRuntimeDetector.ReadSetting(configuration));
    }

    [SkippableFact]
    public async Task Docker_is_picked_when_its_engine_answers()
    {
        await TestImages.RequireAsync();

        var detection = await ContainerRuntimeDetector.DetectAsync(setting: null, null, CancellationToken.None);

        Assert.Equal("docker", detection.Runtime?.Name);
        Assert.StartsWith("docker (engine ", detection.Availability.Description);
    }

    [SkippableFact]
    public async Task Asking_for_podman_where_it_is_not_installed_says_what_to_install()
    {
        Skip.If(
            Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, "podman"))),
            "podman is installed here");

        var detection = await ContainerRuntimeDetector.DetectAsync("podman", null, CancellationToken.None);

        Assert.Null(detection.Runtime);
        Assert.Contains("podman is not installed", detection.Availability.Description);
        Assert.Contains("apt-get install podman", detection.Availability.Description);
    }
}

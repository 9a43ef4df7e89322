using System.Net;
using System.Net.Sockets;
using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Orchestration;
using AirflowAspire.Orchestration.Tests.TestSupport;

namespace AirflowAspire.Orchestration.Tests.Containers;

public sealed class StartFailureTests
{
    [SkippableFact]
    public async Task A_missing_image_fails_with_the_runtimes_message_and_the_image_name()
    {
        await using var app = await ContainerTestApp.StartAsync();
        var log = new CollectingWorkloadLog();
        var image = new ContainerImageAnnotation("airflowaspire-test/no-such-image", "1.0");
        var runtimeSays = (await DockerCommand.RunAsync("pull", image.Reference)).Error.Trim();
        Assert.NotEmpty(runtimeSays);

        var failure = await Assert.ThrowsAsync<WorkloadStartException>(
            () => app.StartWorkloadAsync(TestSpecs.Shell("worker", "true") with { Image = image }, log));

        Assert.Contains("'worker'", failure.Message);
        Assert.Contains(image.Reference, failure.Message);
        Assert.Contains(runtimeSays.Split('\n')[0].Trim(), failure.Message);
        Assert.Contains(log.Lines, l => l.Text.Contains($"Pulling image {image.Reference}"));
        Assert.Empty(await DockerCommand.ContainersOfAsync(app.Name));
    }

    [SkippableFact]
    public async Task A_busy_host_port_fails_naming_the_resource_and_the_port()
    {
        await using var app = await ContainerTestApp.StartAsync();
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var busyPort = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var failure = await Assert.ThrowsAsync<WorkloadStartException>(
            () => app.StartWorkloadAsync(TestSpecs.Redis(TestSpecs.NewSecret(), busyPort), new CollectingWorkloadLog()));

        Assert.Contains("'redis'", failure.Message);
        Assert.Contains($"port {busyPort}", failure.Message);
        Assert.Contains("endpoint 'tcp'", failure.Message);
        Assert.Empty(await DockerCommand.ContainersOfAsync(app.Name));
    }

    [SkippableFact]
    public async Task A_value_with_a_line_break_is_refused_naming_the_variable_but_not_its_value()
    {
        await using var app = await ContainerTestApp.StartAsync();
        var secret = TestSpecs.NewSecret();
        var spec = TestSpecs.Shell("worker", "true") with
        {
            Environment = new Dictionary<string, string> { ["CERTIFICATE"] = $"{secret}\n{secret}" },
        };

        var failure = await Assert.ThrowsAsync<WorkloadStartException>(() => app.StartWorkloadAsync(spec, new CollectingWorkloadLog()));

        Assert.Contains("'worker'", failure.Message);
        Assert.Contains("'CERTIFICATE'", failure.Message);
        Assert.Contains("line break", failure.Message);
        Assert.DoesNotContain(secret, failure.Message);
        Assert.Empty(await DockerCommand.ContainersOfAsync(app.Name));
    }
}

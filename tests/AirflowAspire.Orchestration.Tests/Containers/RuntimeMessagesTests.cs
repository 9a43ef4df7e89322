using AirflowAspire.Hosting.Orchestration;
using AirflowAspire.Hosting.Orchestration.Containers;

namespace AirflowAspire.Orchestration.Tests.Containers;

public sealed class RuntimeMessagesTests
{
    private static readonly WorkloadSpec Postgres = new()
    {
        ResourceName = "postgres",
        InstanceName = "postgres",
        HostName = "postgres",
        Ports = [new PortBinding("tcp", 5432, 15432), new PortBinding("metrics", 9187, 19187)],
    };

    [Theory]
    [InlineData("docker: Error response from daemon: driver failed programming external connectivity on endpoint shop-postgres (0af): Error starting userland proxy: listen tcp4 127.0.0.1:15432: bind: address already in use.")]
    [InlineData("docker: Error response from daemon: driver failed programming external connectivity on endpoint shop-postgres (0af): Bind for 127.0.0.1:15432 failed: port is already allocated.")]
    [InlineData("Error: rootlessport listen tcp 127.0.0.1:15432: bind: address already in use")]
    public void A_busy_port_names_the_resource_the_port_and_its_endpoint(string runtimeMessage)
    {
        var error = RunFailure.Describe(Postgres, "docker", runtimeMessage);

        Assert.StartsWith("Resource 'postgres' cannot use host port 15432 (endpoint 'tcp', container port 5432) on 127.0.0.1", error.Message);
        Assert.DoesNotContain("19187", error.Message);
        Assert.EndsWith($"({runtimeMessage})", error.Message);
    }

    [Fact]
    public void Any_other_failure_carries_the_runtimes_words()
    {
        var error = RunFailure.Describe(Postgres, "podman", "Error: short-name resolution enforced\n");

        Assert.Equal("Resource 'postgres' could not be started by podman: Error: short-name resolution enforced", error.Message);
    }

    [Theory]
    [InlineData("2026-11-22T19:26:50.962215164Z Ready to accept connections", "Ready to accept connections")]
    [InlineData("2026-11-22T19:26:50.962215164+01:00 podman's form", "podman's form")]
    [InlineData("2026-11-22T19:26:50Z ", "")]
    [InlineData("2026-11-22T19:26:50.1Z   indented", "  indented")]
    public void The_runtimes_timestamp_is_taken_off_each_line(string line, string text)
    {
        Assert.Equal(text, LogTimestamp.Strip(line));
    }

    [Fact]
    public void A_line_without_a_timestamp_is_the_clis_own_and_not_the_containers()
    {
        Assert.Null(LogTimestamp.Strip("Error response from daemon: can not get logs from container which is dead or marked for removal"));
    }
}

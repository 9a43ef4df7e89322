using AirflowAspire.Hosting.Airflow.Footprint;

namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>Reading <c>docker stats</c>' (and podman's) lines for the dashboard's CPU and memory properties.</summary>
public class ContainerUsageTests
{
    [Theory]
    [InlineData("3f2a9c1b7d4e\t1.25%\t312.4MiB / 7.66GiB", 1.25, 327_575_142L)]
    [InlineData("3f2a9c1b7d4e\t0.00%\t1.5GiB / 7.66GiB", 0, 1_610_612_736L)]
    [InlineData("3f2a9c1b7d4e\t104.50%\t980KiB / 1GiB", 104.5, 1_003_520L)]
    [InlineData("3f2a9c1b7d4e\t2.1%\t45.3MB / 8.2GB", 2.1, 45_300_000L)]
    [InlineData("3f2a9c1b7d4e\t0.5%\t512B / 1GiB", 0.5, 512L)]
    public void A_stats_line_gives_cpu_and_memory_used(string line, double cpu, long bytes)
    {
        var usage = ContainerUsage.Parse(line);

        Assert.NotNull(usage);
        Assert.Equal(cpu, usage.CpuPercent, 3);
        Assert.Equal(bytes, usage.MemoryBytes);
        Assert.True(usage.IsOf("3f2a9c1b7d4e0123456789abcdef0123456789abcdef0123456789abcdef0123"));
        Assert.False(usage.IsOf("0000000000000123"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("CONTAINER ID\tCPU %\tMEM USAGE / LIMIT")]
    [InlineData("3f2a9c1b7d4e\t--\t-- / --")]
    [InlineData("3f2a9c1b7d4e\t1%")]
    public void What_is_not_a_stats_line_is_skipped(string line) => Assert.Null(ContainerUsage.Parse(line));

    [Theory]
    [InlineData(327_575_142L, "312.4 MiB")]
    [InlineData(2_684_354_560L, "2.50 GiB")]
    public void Memory_reads_in_mib_or_gib(long bytes, string shown) => Assert.Equal(shown, ContainerUsage.Memory(bytes));
}

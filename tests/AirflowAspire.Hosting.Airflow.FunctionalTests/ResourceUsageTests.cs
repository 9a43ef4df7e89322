using System.Text.RegularExpressions;
using AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests;

/// <summary>
/// What each container costs, in the dashboard: CPU and memory from the container runtime on every component and on
/// the metadata database, their sum on <c>airflow</c>; and the worker's concurrency sized to the runtime's CPUs.
/// The components run the STAND-IN image (tests/images/airflow-standin; not Airflow), so the numbers are the
/// stand-in's: this proves the wiring, not Airflow's footprint (bench/LocalStackBench measures that).
/// </summary>
[Collection(ContainerTests.Name)]
public sealed partial class ResourceUsageTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Each_running_container_shows_its_cpu_and_memory_and_airflow_shows_the_components_sum()
    {
        var (builder, _) = TestModel.CreateWithStandInAirflow(output);

        var run = await RunningApp.StartAsync(builder, output);
        await using (run)
        {
            foreach (var name in new[] { "airflow-scheduler", "airflow-api-server", "postgres" })
            {
                var shown = await run.WaitForStateAsync(name, e => Property(e.Snapshot, "resources.memory") is not null, TimeSpan.FromMinutes(3));
                var memory = Property(shown.Snapshot, "resources.memory")!;
                var cpu = Property(shown.Snapshot, "resources.cpu")!;
                output.WriteLine($"{name}: memory {memory}, cpu {cpu}");
                Assert.Matches(MemoryText(), memory);
                Assert.Matches(CpuText(), cpu);
            }

            var parent = await run.WaitForStateAsync("airflow", e => Property(e.Snapshot, "resources.components-memory") is not null, TimeSpan.FromMinutes(1));
            var total = parent.Snapshot.Properties.Single(p => p.Name == "resources.components-memory");
            output.WriteLine($"airflow: {total.DisplayName} {total.Value}");
            Assert.Matches(MemoryText(), (string)total.Value!);
            Assert.Matches(@"^Memory \([1-9]\d* running components\)$", total.DisplayName);

            // airflow-init exits once the database is migrated: its container then shows no figures.
            var exited = await run.WaitForStateAsync("airflow-init", e => e.Snapshot.State?.Text == KnownResourceStates.Exited
                && Property(e.Snapshot, "resources.memory") is null, TimeSpan.FromMinutes(2));
            Assert.Null(Property(exited.Snapshot, "resources.cpu"));

            await run.StopAndAssertCleanedUpAsync();
        }
    }

    private static string? Property(CustomResourceSnapshot snapshot, string name) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == name)?.Value as string;

    [GeneratedRegex(@"^\d+\.\d+ (MiB|GiB)$")]
    private static partial Regex MemoryText();

    [GeneratedRegex(@"^\d+\.\d%$")]
    private static partial Regex CpuText();
}

using AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;
using AirflowAspire.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests;

/// <summary>
/// The scheduler's Reset metadata database command on the STAND-IN image (tests/images/airflow-standin, not
/// Airflow), whose <c>db reset</c> runs on while /tmp/standin-hold-db-reset exists: a second reset while one runs
/// is refused and starts nothing; a reset that takes longer than its timeout is stopped in the container too.
/// </summary>
[Collection(ContainerTests.Name)]
public sealed class AirflowCommandStopTests(ITestOutputHelper output)
{
    private const string Scheduler = "airflow-scheduler";
    private const string Reset = "airflow-db-reset";
    private const string HoldReset = "/tmp/standin-hold-db-reset";

    [SkippableFact]
    public async Task A_second_reset_while_one_runs_is_refused_and_a_reset_that_takes_too_long_is_stopped_in_the_container()
    {
        var (builder, _) = TestModel.CreateWithStandInAirflow(output);

        var run = await RunningApp.StartAsync(builder, output);
        await using (run)
        {
            await run.WaitHealthyAsync(Scheduler);
            var container = run.Containers.Single(c => c.Value.StartsWith($"{Scheduler}-", StringComparison.Ordinal)).Key;
            var commands = run.App.ResourceCommands;

            // One reset runs (held in the container); a second click meanwhile is refused and starts nothing.
            await DockerEngine.LinesAsync("exec", container, "touch", HoldReset);
            var first = commands.ExecuteCommandAsync(Scheduler, Reset);
            await BoundedWait.UntilAsync("the first reset to run in the container", TestModel.ResourceTimeout, async () =>
            {
                var resets = await ResetsInContainerAsync(container);
                return (resets.Any(IsTheStandInsReset), string.Join(" | ", resets));
            });

            var second = await commands.ExecuteCommandAsync(Scheduler, Reset).WaitAsync(TestModel.ResourceTimeout);
            Assert.False(second.Success);
            Assert.Equal(
                "A reset of airflow-scheduler's metadata database is already running; this one was not started. Its result shows when it ends.",
                second.Message);
            Assert.Single(await ResetsInContainerAsync(container), IsTheStandInsReset);

            await DockerEngine.LinesAsync("exec", container, "rm", HoldReset);
            var finished = await first.WaitAsync(TestModel.ResourceTimeout);
            Assert.True(finished.Success, finished.Message);

            // A reset that takes longer than its timeout (shortened here) fails saying so, and is gone from the container.
            run.App.Services.GetRequiredService<IConfiguration>()["AirflowAspire:CommandTimeoutSeconds"] = "2";
            await DockerEngine.LinesAsync("exec", container, "touch", HoldReset);
            var late = await commands.ExecuteCommandAsync(Scheduler, Reset).WaitAsync(TestModel.ResourceTimeout);
            Assert.False(late.Success);
            Assert.Equal("'airflow db reset --yes' in 'airflow-scheduler' did not finish within 2 s; it was stopped in the container.", late.Message);
            Assert.Empty(await ResetsInContainerAsync(container));

            await run.StopAndAssertCleanedUpAsync();
        }
    }

    private static bool IsTheStandInsReset(string commandLine) => commandLine.Contains("standin_cli.py db reset", StringComparison.Ordinal);

    /// <summary>The command lines of the container's processes running <c>airflow db reset</c> (read from /proc: no ps in the image).</summary>
    private static async Task<List<string>> ResetsInContainerAsync(string container) =>
        [.. (await DockerEngine.LinesAsync("exec", container, "sh", "-c", "for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' <\"$f\"; echo; done"))
            .Where(line => line.Contains("db reset", StringComparison.Ordinal) && !line.Contains("/proc/", StringComparison.Ordinal))];
}

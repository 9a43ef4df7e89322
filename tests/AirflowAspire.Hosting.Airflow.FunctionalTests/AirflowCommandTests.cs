using System.Text.Json;
using AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests;

/// <summary>
/// The dashboard's Airflow commands run through Aspire's command service against the scheduler's container of a
/// STAND-IN image (tests/images/airflow-standin, not Airflow) that records every CLI call it is asked: which
/// Airflow CLI lines each command runs, what it reports, and that commands are disabled while the container is down.
/// </summary>
[Collection(ContainerTests.Name)]
public sealed class AirflowCommandTests(ITestOutputHelper output)
{
    private const string Scheduler = "airflow-scheduler";

    [SkippableFact]
    public async Task Commands_run_airflow_cli_lines_in_the_scheduler_container_and_are_disabled_while_it_is_down()
    {
        RequiredTool.SkipOrFailIfMissing(Python.FindWith("ast") is null, "python3 (DagPackager's checks compile DAG files with it) is not installed");
        DockerEngine.SkipOrFailIfImageMissing(AirflowStandIn.Reference);
        using var folder = new TempFolder();
        folder.Write("dags/orders.py", "from airflow import DAG\n\nwith DAG(dag_id=\"orders_daily\", schedule=None):\n    pass\n");

        var builder = TestModel.Create(output);
        var database = builder.AddPostgres("postgres").WithTestImage().AddDatabase("airflow-db", databaseName: "airflow");
        builder.AddAirflow("airflow")
            .WithImage(AirflowStandIn.Image, AirflowStandIn.Tag)
            .WithDatabase(database)
            .WithDags(folder.Combine("dags"))
            // Started by the test, so it sees the commands before the container runs, however fast the rest starts.
            .WithComponent(AirflowRole.Scheduler, scheduler => scheduler.WithExplicitStart());

        var run = await RunningApp.StartAsync(builder, output);
        await using (run)
        {
            var commands = run.App.ResourceCommands;

            // Before its container runs, the scheduler's commands are disabled, and one asked for anyway says why.
            await run.WaitForStateAsync(Scheduler, e => e.Snapshot.State?.Text == KnownResourceStates.NotStarted
                && CommandState(e, "airflow-db-check") == ResourceCommandState.Disabled);
            var early = await commands.ExecuteCommandAsync(Scheduler, "airflow-db-check").WaitAsync(TestModel.ResourceTimeout);
            Assert.False(early.Success);
            Assert.Contains("is not running", early.Message, StringComparison.Ordinal);

            var started = await commands.ExecuteCommandAsync(Scheduler, KnownResourceCommands.StartCommand).WaitAsync(TestModel.ResourceTimeout);
            Assert.True(started.Success, started.Message);

            var running = await run.WaitForStateAsync(Scheduler, e => e.Snapshot.HealthStatus == HealthStatus.Healthy
                && CommandState(e, "airflow-db-check") == ResourceCommandState.Enabled);
            Assert.All(["airflow-list-dags", "airflow-unpause-dag", "airflow-trigger-dag", "airflow-test-connection", "airflow-db-reset"],
                name => Assert.Equal(ResourceCommandState.Enabled, CommandState(running, name)));

            // The stand-in keeps every CLI call, its entrypoint's own (`db check`, `config get-value`) among them.
            var container = run.Containers.Single(c => c.Value.StartsWith($"{Scheduler}-", StringComparison.Ordinal)).Key;
            var before = (await AskedAsync(container)).Count;

            var list = await commands.ExecuteCommandAsync(Scheduler, "airflow-list-dags").WaitAsync(TestModel.ResourceTimeout);
            Assert.True(list.Success, list.Message);
            Assert.Contains("standin_example", list.Data?.Value, StringComparison.Ordinal);
            Assert.Contains("$ airflow dags list-import-errors", list.Data?.Value, StringComparison.Ordinal);

            var unpause = await WithDagIdAsync(run, "airflow-unpause-dag", "orders_daily");
            Assert.True(unpause.Success, unpause.Message);
            Assert.Equal("Unpaused orders_daily.", unpause.Message);

            var trigger = await WithDagIdAsync(run, "airflow-trigger-dag", "orders_daily");
            Assert.True(trigger.Success, trigger.Message);
            Assert.Equal("Triggered a run of orders_daily.", trigger.Message);

            var unknown = await WithDagIdAsync(run, "airflow-trigger-dag", "missing_dag");
            Assert.False(unknown.Success);
            Assert.Contains("exited with 1: Dag id missing_dag not found", unknown.Message, StringComparison.Ordinal);

            // Not a DAG id: refused before anything runs in the container.
            var invalid = await WithDagIdAsync(run, "airflow-trigger-dag", "orders; rm -rf /");
            Assert.False(invalid.Success);
            // Nor is an id Airflow's CLI could read as an option (`dags trigger -h` printed the help and passed for a success);
            // the dialog shows why under the field (AirflowDagIdTests), the API answers that validation failed.
            var option = await WithDagIdAsync(run, "airflow-trigger-dag", "-h");
            Assert.False(option.Success);

            var check = await commands.ExecuteCommandAsync(Scheduler, "airflow-db-check").WaitAsync(TestModel.ResourceTimeout);
            Assert.True(check.Success, check.Message);

            var reset = await commands.ExecuteCommandAsync(Scheduler, "airflow-db-reset").WaitAsync(TestModel.ResourceTimeout);
            Assert.True(reset.Success, reset.Message);

            var validate = await commands.ExecuteCommandAsync("airflow-dags", "airflow-validate-dags").WaitAsync(TestModel.ResourceTimeout);
            Assert.True(validate.Success, validate.Message);
            Assert.StartsWith("1 files checked, 1 DAGs: 0 errors", validate.Message, StringComparison.Ordinal);

            // What the container was asked by the commands, in order: exactly these Airflow CLI lines.
            var asked = (await AskedAsync(container)).Skip(before).ToList();
            Assert.Equal(
            [
                "dags list", "dags list-import-errors", "dags unpause -- orders_daily", "dags trigger -- orders_daily",
                "dags trigger -- missing_dag", "db check", "db reset --yes",
            ], asked);

            // Stopped, the scheduler's commands are disabled again.
            var stopped = await commands.ExecuteCommandAsync(Scheduler, KnownResourceCommands.StopCommand).WaitAsync(TestModel.ResourceTimeout);
            Assert.True(stopped.Success, stopped.Message);
            await run.WaitForStateAsync(Scheduler, e => e.Snapshot.State?.Text != KnownResourceStates.Running
                && CommandState(e, "airflow-trigger-dag") == ResourceCommandState.Disabled);

            await run.StopAndAssertCleanedUpAsync();
        }
    }

    /// <summary>Every Airflow CLI call the stand-in in the container was asked, in order.</summary>
    private static async Task<List<string>> AskedAsync(string container) =>
        [.. (await DockerEngine.LinesAsync("exec", container, "cat", "/tmp/standin-cli.log"))
            .Select(line => string.Join(' ', JsonSerializer.Deserialize<string[]>(line)!))];

    private static Task<ExecuteCommandResult> WithDagIdAsync(RunningApp run, string command, string dagId) =>
        run.App.ResourceCommands.ExecuteCommandAsync(Scheduler, command,
            new InteractionInputCollection([new InteractionInput { Name = "dagId", InputType = InputType.Text, Value = dagId }]))
            .WaitAsync(TestModel.ResourceTimeout);

    private static ResourceCommandState? CommandState(ResourceEvent e, string name) =>
        e.Snapshot.Commands.FirstOrDefault(c => c.Name == name)?.State;
}

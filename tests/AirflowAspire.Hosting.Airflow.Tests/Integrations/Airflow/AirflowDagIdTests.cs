using AirflowAspire.Hosting.Airflow.Commands;

namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>
/// The DAG ids the dashboard's unpause and trigger commands pass to Airflow's CLI: Airflow's validate_key rule
/// (airflow-core/src/airflow/utils/helpers.py: ^[\w.-]+$ with Python's Unicode \w, at most 250), no id that the CLI
/// could read as an option, and <c>--</c> before the id.
/// </summary>
public class AirflowDagIdTests
{
    [Theory]
    [InlineData("orders_daily")]
    [InlineData("etl.orders-v2")]
    [InlineData("café_daily")]
    [InlineData("日次_集計")]
    [InlineData("a-")]
    public void Ids_that_airflow_accepts_pass(string dagId) => Assert.Null(AirflowDagId.Problem(dagId));

    [Fact]
    public void An_id_of_250_characters_passes_and_one_of_251_is_refused_with_both_numbers()
    {
        Assert.Null(AirflowDagId.Problem(new string('a', 250)));
        Assert.Equal("the DAG id is 251 characters long; Airflow allows at most 250", AirflowDagId.Problem(new string('a', 251)));
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    [InlineData("-orders")]
    public void An_id_starting_with_a_dash_is_refused_naming_the_id_and_the_rule(string dagId) =>
        Assert.Equal(
            $"'{dagId}' starts with '-': Airflow's CLI could read it as an option, so the dashboard does not pass DAG ids starting with '-'",
            AirflowDagId.Problem(dagId));

    [Theory]
    [InlineData("orders; rm -rf /")]
    [InlineData("orders daily")]
    [InlineData("orders/daily")]
    [InlineData("e\u0301")]
    public void An_id_with_a_character_airflow_refuses_is_refused_naming_it(string dagId) =>
        Assert.Equal($"'{dagId}' is not a DAG id: Airflow's DAG ids are made of letters, digits, '_', '-' and '.' only", AirflowDagId.Problem(dagId));

    [Theory]
    [InlineData("airflow-unpause-dag")]
    [InlineData("airflow-trigger-dag")]
    public async Task A_command_given_an_option_as_dag_id_fails_before_running_anything(string command)
    {
        using var test = TestApp.Create();
        var scheduler = test.AddAirflowWithDatabase().Resource.Components[AirflowRole.Scheduler];

        var result = await CommandExecution.ExecuteAsync(test, scheduler, command, "dagId", "-h");

        Assert.False(result.Success);
        Assert.Contains("'-h' starts with '-'", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dag_id_follows_a_double_dash_so_argparse_reads_it_as_the_positional_dag_id() =>
        Assert.Equal(["airflow", "dags", "trigger", "--", "orders_daily"], AirflowCliCommands.DagCommand("trigger", "orders_daily"));
}

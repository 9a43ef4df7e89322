using AirflowAspire.Hosting.Airflow.Commands;

namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>
/// The scheduler's "Test connection": it asks for a connection id, refuses one that is not this project's (letters,
/// digits and '_', not starting with a digit) before anything runs, and passes it after <c>--</c>.
/// </summary>
public class AirflowConnectionTestCommandTests
{
    [Fact]
    public void The_command_asks_for_a_required_connection_id_and_validates_it()
    {
        using var test = TestApp.Create();
        var scheduler = test.AddAirflowWithDatabase().Resource.Components[AirflowRole.Scheduler];

        var command = scheduler.Annotations.OfType<ResourceCommandAnnotation>().Single(c => c.Name == "airflow-test-connection");

        Assert.Equal("Test connection", command.DisplayName);
        var argument = Assert.Single(command.Arguments);
        Assert.Equal("connectionId", argument.Name);
        Assert.True(argument.Required);
        Assert.NotNull(command.ValidateArguments);
        Assert.Null(command.ConfirmationMessage);
    }

    [Theory]
    [InlineData("warehouse")]
    [InlineData("partner_api")]
    [InlineData("_private")]
    public void Ids_of_this_project_pass(string id) => Assert.Null(AirflowConnectionTest.Problem(id));

    [Theory]
    [InlineData("-h")]
    [InlineData("my-conn")]
    [InlineData("1st")]
    [InlineData("warehouse; rm -rf /")]
    [InlineData("")]
    public void Other_ids_are_refused_naming_the_id_and_the_rule(string id) =>
        Assert.Equal(
            $"'{id}' is not a connection id: connection ids are letters, digits and '_', not starting with a digit, at most 250 characters",
            AirflowConnectionTest.Problem(id));

    [Fact]
    public async Task A_command_given_an_option_as_connection_id_fails_before_running_anything()
    {
        using var test = TestApp.Create();
        var scheduler = test.AddAirflowWithDatabase().Resource.Components[AirflowRole.Scheduler];

        var result = await CommandExecution.ExecuteAsync(test, scheduler, "airflow-test-connection", "connectionId", "-h");

        Assert.False(result.Success);
        Assert.Equal(
            "'Test connection' needs a connection id as its argument 'connectionId': '-h' is not a connection id: connection ids are " +
            "letters, digits and '_', not starting with a digit, at most 250 characters.",
            result.Message);
    }

    [Fact]
    public void The_id_follows_a_double_dash_after_the_options()
    {
        Assert.Equal(["airflow", "connections", "get", "-o", "json", "--", "warehouse"], AirflowConnectionTest.Command("get", "warehouse", "-o", "json"));
        Assert.Equal(["airflow", "connections", "test", "--", "warehouse"], AirflowConnectionTest.Command("test", "warehouse"));
    }
}

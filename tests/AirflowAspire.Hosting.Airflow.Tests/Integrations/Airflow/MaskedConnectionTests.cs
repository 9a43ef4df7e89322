using AirflowAspire.Hosting.Airflow.Commands;

namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>
/// What "Test connection" shows of <c>airflow connections get -o json</c>, whose answer holds the password, the extra
/// and the URI with the password (ConnectionDisplayMapper.full_details, connection_command.py): none of them.
/// </summary>
public class MaskedConnectionTests
{
    private const string Password = "p@ss:w/rd s3cret";

    // The fields of Airflow 3's full_details, as AirflowConsole prints them with -o json.
    private const string AirflowAnswer =
        """
        [{"id": null, "conn_id": "warehouse", "conn_type": "postgres", "description": null, "host": "warehouse-server",
          "schema": "warehouse", "login": "postgres", "password": "p@ss:w/rd s3cret", "port": 5432, "is_encrypted": false,
          "is_extra_encrypted": false, "extra_dejson": {"sslmode": "require", "token": "x"},
          "get_uri": "postgres://postgres:p%40ss%3Aw%2Frd%20s3cret@warehouse-server:5432/warehouse?sslmode=require"}]
        """;

    [Fact]
    public void The_connection_is_described_without_its_password_extra_or_uri()
    {
        var connection = Assert.IsType<MaskedConnection>(MaskedConnection.Read(AirflowAnswer));

        Assert.Equal(
            "conn_type: postgres\nhost: warehouse-server\nport: 5432\nschema: warehouse\nlogin: postgres\n" +
            "password: set (not shown)\nextra: set (not shown)",
            connection.Describe());
    }

    [Fact]
    public void A_log_line_before_the_json_is_passed_over()
    {
        var connection = MaskedConnection.Read("[2026-12-05T15:00:00.000+0000] {providers_manager.py:1} WARNING - a warning\n" + AirflowAnswer);

        Assert.StartsWith("conn_type: postgres\nhost: warehouse-server", connection?.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_without_password_says_so()
    {
        var connection = MaskedConnection.Read("""[{"conn_type": "http", "host": "api.example.com", "password": null, "port": null, "extra_dejson": {}}]""")!;

        Assert.Equal("conn_type: http\nhost: api.example.com\nport: not set\nschema: not set\nlogin: not set\npassword: not set\nextra: not set", connection.Describe());
    }

    [Fact]
    public void The_password_is_masked_in_later_output_as_it_is_and_as_a_uri_writes_it()
    {
        var connection = MaskedConnection.Read(AirflowAnswer)!;

        Assert.Equal(
            "failed for p=*** at postgres://postgres:***@warehouse-server",
            connection.MaskIn($"failed for p={Password} at postgres://postgres:{Uri.EscapeDataString(Password)}@warehouse-server"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Connection not found.")]
    [InlineData("[{\"password\": \"p\"")]
    [InlineData("[]")]
    [InlineData("{\"conn_type\": \"postgres\"}")]
    public void An_answer_that_is_not_one_connection_in_json_is_not_read(string answer) => Assert.Null(MaskedConnection.Read(answer));
}

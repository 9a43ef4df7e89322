using AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests;

/// <summary>
/// The scheduler's "Test connection" through Aspire's command service in a local run on the STAND-IN image (not
/// Airflow), whose <c>connections get|test</c> follow connection_command.py and whose test of a postgres connection
/// runs <c>select 1</c> as DbApiHook.test_connection does: the connection is shown without its password, the test is
/// refused while <c>[core] test_connection</c> is Disabled (Airflow's default) and runs when it is Enabled. The
/// <c>airflow</c> resource's properties list the connections and variables, no secret among them. The disabled case
/// runs in <see cref="ConnectionStandInTests"/>' app, whose model it needs anyway (an app run costs a minute of CI).
/// </summary>
[Collection(ContainerTests.Name)]
public sealed class ConnectionTestCommandTests(ITestOutputHelper output)
{
    private const string Scheduler = "airflow-scheduler";
    private const string PostgresPassword = "PgS3cretValue42";

    /// <summary>
    /// In a run whose model declares the connection partner_api (http, api.example.com:443, login svc, the secret
    /// <paramref name="partnerPassword"/>) and the variables env ("dev"), api_token (the secret parameter api-token,
    /// <paramref name="token"/>) and region (the parameter region, "eu-west"), and leaves testing disabled:
    /// the properties list them without secrets, and Test connection shows partner_api without its password and says how
    /// to enable testing (<see cref="ConnectionStandInTests"/> runs it in its app).
    /// </summary>
    internal static async Task AssertShownWithoutSecretsWhileTestingIsDisabledAsync(RunningApp run, string partnerPassword, string token)
    {
        // A non-secret parameter's value replaces its name once it is known.
        var shown = await run.WaitForStateAsync("airflow", e => e.Snapshot.Properties.Any(p => p.Name == "connections.partner_api")
            && e.Snapshot.Properties.Any(p => p.Name == "variables.region" && p.Value as string == "eu-west"));
        var properties = shown.Snapshot.Properties.Where(p => p.Name.StartsWith("connections.", StringComparison.Ordinal) || p.Name.StartsWith("variables.", StringComparison.Ordinal))
            .ToDictionary(p => p.Name, p => p.Value as string);
        Assert.Equal("http, host api.example.com:443", properties["connections.partner_api"]);
        Assert.Equal("dev", properties["variables.env"]);
        Assert.Equal("from the secret parameter 'api-token' (not shown)", properties["variables.api_token"]);
        Assert.DoesNotContain(properties.Values, v => v!.Contains(partnerPassword, StringComparison.Ordinal) || v.Contains(token, StringComparison.Ordinal));

        await run.WaitHealthyAsync(Scheduler);
        var result = await TestConnectionAsync(run, "partner_api");
        Assert.False(result.Success);
        Assert.StartsWith("'partner_api' was not tested: Airflow tests connections only when [core] test_connection is Enabled (it is 'Disabled').", result.Message, StringComparison.Ordinal);
        Assert.Contains(".WithConfig(\"core\", \"test_connection\", \"Enabled\")", result.Message, StringComparison.Ordinal);
        Assert.Contains("conn_type: http\nhost: api.example.com\nport: 443\nschema: not set\nlogin: svc\npassword: set (not shown)", result.Data?.Value, StringComparison.Ordinal);
        AssertNoSecret(result, partnerPassword);

        var missing = await TestConnectionAsync(run, "nothing_here");
        Assert.False(missing.Success);
        Assert.Equal("Airflow could not read the connection 'nothing_here' (Connection not found.).", missing.Message);
    }

    [SkippableFact]
    public async Task With_testing_enabled_airflows_answer_is_shown_without_the_password()
    {
        DockerEngine.SkipOrFailIfImageMissing(AirflowStandIn.Reference);
        var builder = TestModel.Create(output);
        builder.Configuration["Parameters:postgres-password"] = PostgresPassword;
        var database = builder.AddPostgres("postgres").WithTestImage().AddDatabase("airflow-db", databaseName: "airflow");
        builder.AddAirflow("airflow")
            .WithImage(AirflowStandIn.Image, AirflowStandIn.Tag)
            .WithDatabase(database)
            .WithConfig("core", "test_connection", "Enabled")
            .WithConnection("warehouse", database)
            .WithConnection("partner_api", "http", "api.example.com", login: "svc");

        var run = await RunningApp.StartAsync(builder, output);
        await using (run)
        {
            await run.WaitHealthyAsync(Scheduler);

            // The stand-in's postgres test is DbApiHook's `select 1`, here over the container network to the server.
            var warehouse = await TestConnectionAsync(run, "warehouse");
            output.WriteLine($"{warehouse.Message}\n{warehouse.Data?.Value}");
            Assert.True(warehouse.Success, warehouse.Message);
            Assert.Equal("Airflow connected to 'warehouse'.", warehouse.Message);
            Assert.Contains("conn_type: postgres", warehouse.Data?.Value, StringComparison.Ordinal);
            Assert.Contains("schema: airflow\nlogin: postgres\npassword: set (not shown)", warehouse.Data?.Value, StringComparison.Ordinal);
            Assert.Contains("$ airflow connections test -- warehouse\nRetrieving connection: 'warehouse'", warehouse.Data?.Value, StringComparison.Ordinal);
            Assert.Contains("Connection success!", warehouse.Data?.Value, StringComparison.Ordinal);
            AssertNoSecret(warehouse, PostgresPassword);

            // No hook of the stand-in tests http: Airflow's "Connection failed!" and the message, exit code 0, is a failure.
            var partner = await TestConnectionAsync(run, "partner_api");
            Assert.False(partner.Success);
            Assert.Equal("Airflow could not connect to 'partner_api': stand-in (not Airflow): no hook for conn_type 'http' is imitated", partner.Message);

            await run.StopAndAssertCleanedUpAsync();
        }
    }

    private static void AssertNoSecret(ExecuteCommandResult result, string secret)
    {
        Assert.DoesNotContain(secret, result.Message ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(secret, result.Data?.Value ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(secret), result.Data?.Value ?? "", StringComparison.Ordinal);
    }

    private static Task<ExecuteCommandResult> TestConnectionAsync(RunningApp run, string id) =>
        run.App.ResourceCommands.ExecuteCommandAsync(Scheduler, "airflow-test-connection",
            new InteractionInputCollection([new InteractionInput { Name = "connectionId", InputType = InputType.Text, Value = id }]))
            .WaitAsync(TestModel.ResourceTimeout);
}

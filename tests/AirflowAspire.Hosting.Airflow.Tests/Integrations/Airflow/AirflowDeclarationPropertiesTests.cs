namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>
/// The <c>airflow</c> resource's dashboard properties of a local run: each connection's id, type and host, each
/// variable's key and value unless a secret parameter gives it, each pool's slots and description; never a secret.
/// </summary>
public class AirflowDeclarationPropertiesTests
{
    private const string PartnerPassword = "partner-s3cret";
    private const string Token = "t0ken-s3cret";

    [Fact]
    public void Connections_variables_and_pools_are_listed_without_a_login_a_password_or_a_secret_value()
    {
        using var test = TestApp.Create();
        test.Builder.Configuration["Parameters:partner-password"] = PartnerPassword;
        test.Builder.Configuration["Parameters:api-token"] = Token;
        test.Builder.Configuration["Parameters:region"] = "eu-west";
        var warehouse = test.Builder.AddPostgres("warehouse-server").AddDatabase("warehouse");
        var partnerPassword = test.Builder.AddParameter("partner-password", secret: true);
        var airflow = test.AddAirflowWithDatabase()
            .WithConnection("warehouse", warehouse)
            .WithConnection("partner_api", "http", "api.example.com", port: 443, login: "svc_login", password: partnerPassword)
            .WithVariable("env", "dev")
            .WithVariable("api_token", test.Builder.AddParameter("api-token", secret: true))
            .WithVariable("region", test.Builder.AddParameter("region"))
            .WithPool("etl", 4, "ETL's heavy tasks")
            .WithPool("api", 1);

        var properties = AirflowDeclarationProperties.Of(airflow.Resource);

        Assert.Equal(
        [
            ("connections.warehouse", "Connection warehouse", "postgres, host warehouse-server (a resource of the model)"),
            ("connections.partner_api", "Connection partner_api", "http, host api.example.com:443"),
            ("variables.env", "Variable env", "dev"),
            ("variables.api_token", "Variable api_token", "from the secret parameter 'api-token' (not shown)"),
            ("variables.region", "Variable region", "from the parameter 'region'"),
            ("pools.etl", "Pool etl", "4 slots: ETL's heavy tasks"),
            ("pools.api", "Pool api", "1 slot"),
        ], properties.Select(p => (p.Name, p.DisplayName, p.Value as string)));
        Assert.All(properties, p => Assert.DoesNotContain(PartnerPassword, (string)p.Value!, StringComparison.Ordinal));
        Assert.All(properties, p => Assert.DoesNotContain(Token, (string)p.Value!, StringComparison.Ordinal));
        Assert.All(properties, p => Assert.DoesNotContain("svc_login", (string)p.Value!, StringComparison.Ordinal));
    }

    [Fact]
    public void A_resource_with_a_connection_string_is_named_by_the_resource()
    {
        using var test = TestApp.Create();
        var cache = test.Builder.AddRedis("cache");
        var events = test.Builder.AddRabbitMQ("events");
        var airflow = test.AddAirflowWithDatabase().WithConnection("cache", cache).WithConnection("events", events);

        Assert.Equal(
            ["redis, host cache (a resource of the model)", "amqp, host events (a resource of the model)"],
            AirflowDeclarationProperties.Of(airflow.Resource).Select(p => p.Value as string));
    }

    [Fact]
    public void An_airflow_without_declarations_has_none_of_these_properties()
    {
        using var test = TestApp.Create();
        Assert.Empty(AirflowDeclarationProperties.Of(test.AddAirflowWithDatabase().Resource));
    }
}

namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>
/// WithConnection: every component gets <c>AIRFLOW_CONN_{ID}</c> in Airflow's JSON form. In publish mode each part is a
/// placeholder (a publisher writes no secret); in a local run the value Aspire resolves, read back by Airflow's own
/// parsing (<see cref="AirflowConnectionReader"/>), gives exactly the password, reserved characters and all.
/// </summary>
public class AirflowConnectionTests
{
    /// <summary>Every character a URL, JSON, a shell or an env file treats specially.</summary>
    public const string ReservedPassword = "p@ss:w/rd?#[]{}%&+= !'\"$\\`;,<>|~^*()\u00e9";

    [Fact]
    public void A_postgres_database_becomes_a_postgres_connection_of_placeholders()
    {
        using var test = TestApp.CreateForPublish();
        var warehouse = test.Builder.AddPostgres("warehouse-server").AddDatabase("warehouse", databaseName: "dwh");
        test.AddAirflowWithDatabase().WithConnection("warehouse", warehouse);
        var model = test.BuildModel();

        var env = ModelInspection.Environment(Component(model, "airflow-scheduler"));

        Assert.Equal(
            "{{\"conn_type\": \"postgres\", \"host\": \"{warehouse-server.bindings.tcp.host}\", \"port\": \"{warehouse-server.bindings.tcp.port}\", " +
            "\"login\": \"postgres\", \"password\": \"{warehouse-server-password.value}\", \"schema\": \"dwh\"}}",
            env["AIRFLOW_CONN_WAREHOUSE"]);
    }

    [Fact]
    public void Redis_and_rabbitmq_become_redis_and_amqp_connections()
    {
        using var test = TestApp.CreateForPublish();
        var cache = test.Builder.AddRedis("cache");
        var events = test.Builder.AddRabbitMQ("events");
        test.AddAirflowWithDatabase().WithConnection("cache", cache).WithConnection("events", events);
        var env = ModelInspection.Environment(Component(test.BuildModel(), "airflow-scheduler"));

        Assert.Equal(
            "{{\"conn_type\": \"redis\", \"host\": \"{cache.bindings.tcp.host}\", \"port\": \"{cache.bindings.tcp.port}\", \"password\": \"{cache-password.value}\"}}",
            env["AIRFLOW_CONN_CACHE"]);
        Assert.Equal(
            "{{\"conn_type\": \"amqp\", \"host\": \"{events.bindings.tcp.host}\", \"port\": \"{events.bindings.tcp.port}\", \"login\": \"guest\", " +
            "\"password\": \"{events-password.value}\"}}",
            env["AIRFLOW_CONN_EVENTS"]);
    }

    [Fact]
    public void Every_component_gets_the_connection_and_waits_for_what_it_reaches()
    {
        using var test = TestApp.CreateForPublish();
        var warehouse = test.Builder.AddPostgres("warehouse-server").AddDatabase("warehouse");
        test.AddAirflowWithDatabase().WithRedisCelery().WithConnection("warehouse", warehouse);
        var model = test.BuildModel();

        foreach (var component in model.Resources.OfType<AirflowComponentResource>())
        {
            Assert.Contains("AIRFLOW_CONN_WAREHOUSE", ModelInspection.Environment(component).Keys);
            Assert.Contains(ModelInspection.Waits(component), w => w.Resource == warehouse.Resource && w.WaitType == WaitType.WaitUntilHealthy);
        }
    }

    [SkippableFact]
    public async Task A_local_run_gives_the_password_that_airflow_reads_back()
    {
        using var test = TestApp.Create($"--Parameters:warehouse-server-password={ReservedPassword}");
        var server = test.Builder.AddPostgres("warehouse-server");
        var warehouse = server.AddDatabase("warehouse", databaseName: "dwh");
        var airflow = test.AddAirflowWithDatabase().WithConnection("warehouse", warehouse);
        Allocate(server.Resource.PrimaryEndpoint, 5433);

        var value = await airflow.Resource.Connections.Single().ToJson().GetValueAsync(CancellationToken.None);

        var connection = AirflowConnectionReader.Read(value!);
        Assert.Equal("postgres", connection.Text("conn_type"));
        Assert.Equal("localhost", connection.Text("host"));
        Assert.Equal("5433", connection.Text("port"));
        Assert.Equal("postgres", connection.Text("login"));
        Assert.Equal(ReservedPassword, connection.Text("password"));
        Assert.Equal("dwh", connection.Text("schema"));
    }

    [SkippableFact]
    public async Task An_external_connection_takes_its_password_from_a_parameter()
    {
        using var test = TestApp.Create($"--Parameters:api-password={ReservedPassword}");
        var password = test.Builder.AddParameter("api-password", secret: true);
        var airflow = test.AddAirflowWithDatabase()
            .WithConnection("partner_api", "http", "api.example.com", port: 443, login: "svc \"bot\"", password: password, schema: "https");

        var published = ModelInspection.Expression(airflow.Resource.Connections.Single().ToJson());
        var value = await airflow.Resource.Connections.Single().ToJson().GetValueAsync(CancellationToken.None);

        Assert.Contains("\"password\": \"{api-password.value}\"", published);
        var connection = AirflowConnectionReader.Read(value!);
        Assert.Equal("http", connection.Text("conn_type"));
        Assert.Equal("api.example.com", connection.Text("host"));
        Assert.Equal("443", connection.Text("port"));
        Assert.Equal("svc \"bot\"", connection.Text("login"));
        Assert.Equal(ReservedPassword, connection.Text("password"));
        Assert.Equal("https", connection.Text("schema"));
    }

    [SkippableFact]
    public async Task Redis_and_rabbitmq_passwords_are_read_back_exactly()
    {
        using var test = TestApp.Create($"--Parameters:cache-password={ReservedPassword}", $"--Parameters:events-password={ReservedPassword}");
        var cache = test.Builder.AddRedis("cache");
        var events = test.Builder.AddRabbitMQ("events");
        var airflow = test.AddAirflowWithDatabase().WithConnection("cache", cache).WithConnection("events", events);
        Allocate(cache.Resource.PrimaryEndpoint, 6380);
        Allocate(events.Resource.PrimaryEndpoint, 5673);

        foreach (var (connection, type, port) in airflow.Resource.Connections.Zip(["redis", "amqp"], [6380, 5673]))
        {
            var read = AirflowConnectionReader.Read((await connection.ToJson().GetValueAsync(CancellationToken.None))!);
            Assert.Equal(type, read.Text("conn_type"));
            Assert.Equal($"{port}", read.Text("port"));
            Assert.Equal(ReservedPassword, read.Text("password"));
        }
    }

    [Fact]
    public void A_generic_resource_with_connection_properties_needs_only_a_conn_type()
    {
        using var test = TestApp.CreateForPublish();
        var db = test.Builder.AddPostgres("other").AddDatabase("otherdb");
        var airflow = test.AddAirflowWithDatabase()
            .WithConnection("other", (IResourceBuilder<IResourceWithConnectionString>)db, connType: "postgres");

        var published = ModelInspection.Expression(airflow.Resource.Connections.Single().ToJson());

        Assert.StartsWith("{{\"conn_type\": \"postgres\", \"host\": \"{other.bindings.tcp.host}\"", published);
        Assert.Contains("\"schema\": \"otherdb\"", published);
    }

    [Fact]
    public async Task The_manifest_holds_placeholders_only_and_conforms()
    {
        var manifest = await TestApp.PublishManifestAsync(builder =>
        {
            var warehouse = builder.AddPostgres("warehouse-server").AddDatabase("warehouse");
            var password = builder.AddParameter("api-password", secret: true);
            builder.AddAirflowWithDatabase()
                .WithConnection("warehouse", warehouse)
                .WithConnection("partner_api", "http", "api.example.com", login: "{svc}", password: password)
                .WithVariable("env", "dev");
        });

        var env = System.Text.Json.Nodes.JsonNode.Parse(manifest)!["resources"]!["airflow-scheduler"]!["env"]!;
        Assert.Equal(
            "{{\"conn_type\": \"http\", \"host\": \"api.example.com\", \"login\": \"{{svc}}\", \"password\": \"{api-password.value}\"}}",
            env["AIRFLOW_CONN_PARTNER_API"]!.GetValue<string>());
        Assert.Equal("dev", env["AIRFLOW_VAR_ENV"]!.GetValue<string>());
        Manifest.ManifestConformance.Assert(manifest);
    }

    [Fact]
    public void A_server_replaced_before_start_is_reached_at_its_replacement()
    {
        using var test = TestApp.CreateForPublish();
        var server = test.Builder.AddPostgres("warehouse-server");
        var airflow = test.AddAirflowWithDatabase().WithConnection("warehouse", server.AddDatabase("warehouse"));
        var local = test.Builder.AddContainer("local-postgres", "postgres").WithEndpoint(targetPort: 6000, name: "tcp");

        // What the local fallback does when no container runtime answers, after the model was declared.
        server.Resource.Annotations.Add(new ResourceReplacementAnnotation(local.Resource, local.GetEndpoint("tcp")));

        var published = ModelInspection.Expression(airflow.Resource.Connections.Single().ToJson());
        Assert.Contains("\"host\": \"{local-postgres.bindings.tcp.host}\", \"port\": \"{local-postgres.bindings.tcp.port}\"", published);
    }

    [Theory]
    [InlineData("my-conn")]
    [InlineData("9lives")]
    [InlineData("")]
    [InlineData("a b")]
    public void A_connection_id_that_cannot_name_a_variable_is_refused(string id)
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase();

        var error = Assert.Throws<DistributedApplicationException>(() => airflow.WithConnection(id, "http", "example.com"));

        Assert.Contains($"connection id '{id}'", error.Message);
        Assert.Contains("letters, digits and '_'", error.Message);
    }

    [Fact]
    public void The_same_id_twice_is_refused_whatever_its_case()
    {
        using var test = TestApp.Create();
        var airflow = test.AddAirflowWithDatabase().WithConnection("warehouse", "http", "a.example.com");

        var error = Assert.Throws<DistributedApplicationException>(() => airflow.WithConnection("WAREHOUSE", "http", "b.example.com"));

        Assert.Contains("AIRFLOW_CONN_WAREHOUSE", error.Message);
        Assert.Contains("keep one WithConnection", error.Message);
    }

    [Fact]
    public void A_generic_resource_without_a_conn_type_is_refused()
    {
        using var test = TestApp.Create();
        var db = test.Builder.AddPostgres("other").AddDatabase("otherdb");
        var airflow = test.AddAirflowWithDatabase();

        var error = Assert.Throws<DistributedApplicationException>(() =>
            airflow.WithConnection("other", (IResourceBuilder<IResourceWithConnectionString>)db, connType: ""));

        Assert.Contains("needs Airflow's connection type", error.Message);
    }

    [Fact]
    public void A_plain_connection_string_says_to_declare_the_parts()
    {
        using var test = TestApp.Create();
        var external = test.Builder.AddConnectionString("external");
        var airflow = test.AddAirflowWithDatabase();

        var error = Assert.Throws<DistributedApplicationException>(() => airflow.WithConnection("external", external, "postgres"));

        Assert.Contains("'external'", error.Message);
        Assert.Contains("WithConnection(id, connType, host", error.Message);
    }

    internal static AirflowComponentResource Component(DistributedApplicationModel model, string name) =>
        model.Resources.OfType<AirflowComponentResource>().Single(c => c.Name == name);

    private static void Allocate(EndpointReference endpoint, int port) =>
        endpoint.EndpointAnnotation.AllocatedEndpoint = new AllocatedEndpoint(endpoint.EndpointAnnotation, "localhost", port);
}

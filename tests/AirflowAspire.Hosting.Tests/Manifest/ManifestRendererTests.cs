using System.Text;
using System.Text.Json.Nodes;
using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Publishing.Manifest;
using AirflowAspire.Hosting.Tests.TestSupport;

namespace AirflowAspire.Hosting.Tests.Manifest;

public sealed class ManifestRendererTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public ManifestRendererTests() => Directory.CreateDirectory(AppHostDirectory);

    private string AppHostDirectory => temp.Combine("apphost");

    private string ManifestDirectory => temp.Combine("out");

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Environment_values_that_point_at_other_resources_are_placeholders()
    {
        var builder = TestApplication.CreateBuilder(AppHostDirectory);
        var password = builder.AddGeneratedSecret("db-password");
        var db = builder.AddTestServer("db").WithEnvironment("POSTGRES_PASSWORD", password);
        var airflowDb = builder.AddTestDatabase("airflow-db", ReferenceExpression.Create($"{db.Resource.ConnectionStringExpression};Database=airflow"));
        var web = builder.AddContainer("web", "apache/airflow", "3.2.2").WithHttpEndpoint(8080);
        web.WithReference(airflowDb)
            .WithEnvironment("DB_HOST", ReferenceExpression.Create($"{db.GetEndpoint("tcp").Host}"))
            .WithEnvironment("DB_PORT", ReferenceExpression.Create($"{db.GetEndpoint("tcp").Port}"))
            .WithEnvironment("SELF_URL", ReferenceExpression.Create($"{web.GetEndpoint("http").Url}/api"))
            .WithEnvironment("PLAIN", "value");

        var manifest = RenderConforming(builder);

        Assert.Equal("{db-password.value}", Env(manifest, "db")["POSTGRES_PASSWORD"]!.GetValue<string>());
        var env = Env(manifest, "web");
        Assert.Equal("{airflow-db.connectionString}", env["ConnectionStrings__airflow-db"]!.GetValue<string>());
        Assert.Equal("{db.bindings.tcp.host}", env["DB_HOST"]!.GetValue<string>());
        Assert.Equal("{db.bindings.tcp.port}", env["DB_PORT"]!.GetValue<string>());
        Assert.Equal("{web.bindings.http.url}/api", env["SELF_URL"]!.GetValue<string>());
        Assert.Equal("value", env["PLAIN"]!.GetValue<string>());
    }

    [Fact]
    public void Connection_strings_are_written_on_their_resources()
    {
        var builder = TestApplication.CreateBuilder(AppHostDirectory);
        var db = builder.AddTestServer("db");
        builder.AddTestDatabase("airflow-db", ReferenceExpression.Create($"{db.Resource.ConnectionStringExpression};Database=airflow"));

        var manifest = RenderConforming(builder);

        Assert.Equal("container.v0", Resource(manifest, "db")["type"]!.GetValue<string>());
        Assert.Equal("Host={db.bindings.tcp.host};Port={db.bindings.tcp.port}", Resource(manifest, "db")["connectionString"]!.GetValue<string>());
        Assert.Equal("value.v0", Resource(manifest, "airflow-db")["type"]!.GetValue<string>());
        Assert.Equal(
            "Host={db.bindings.tcp.host};Port={db.bindings.tcp.port};Database=airflow",
            Resource(manifest, "airflow-db")["connectionString"]!.GetValue<string>());
    }

    [Fact]
    public void A_service_reference_to_an_http_endpoint_is_its_url_and_to_another_endpoint_is_composed()
    {
        var builder = TestApplication.CreateBuilder(AppHostDirectory);
        var api = builder.AddContainer("api", "apache/airflow", "3.2.2").WithHttpEndpoint(8080);
        var redis = builder.AddContainer("redis", "redis", "7.4").WithEndpoint("tcp", 6379);
        builder.AddContainer("worker", "apache/airflow", "3.2.2")
            .WithReference(api.GetEndpoint("http"))
            .WithReference(redis.GetEndpoint("tcp"));

        var env = Env(RenderConforming(builder), "worker");

        Assert.Equal("{api.bindings.http.url}", env["services__api__http__0"]!.GetValue<string>());
        Assert.Equal(
            "{redis.bindings.tcp.scheme}://{redis.bindings.tcp.host}:{redis.bindings.tcp.targetPort}",
            env["services__redis__tcp__0"]!.GetValue<string>());
    }

    [Fact]
    public void Bindings_carry_scheme_protocol_transport_ports_and_external()
    {
        var builder = TestApplication.CreateBuilder(AppHostDirectory);
        builder.AddContainer("web", "apache/airflow", "3.2.2")
            .WithHttpEndpoint(8080, port: 18080, isExternal: true)
            .WithEndpoint("tcp", 8793)
            .WithEndpoint("udp", 8125, scheme: "udp");

        var bindings = RenderConforming(builder)["resources"]!["web"]!["bindings"]!.AsObject();

        Assert.Equal(["http", "tcp", "udp"], bindings.Select(b => b.Key));
        AssertJson("""{ "scheme": "http", "protocol": "tcp", "transport": "http", "external": true, "port": 18080, "targetPort": 8080 }""", bindings["http"]);
        AssertJson("""{ "scheme": "tcp", "protocol": "tcp", "transport": "tcp", "targetPort": 8793 }""", bindings["tcp"]);
        AssertJson("""{ "scheme": "udp", "protocol": "udp", "transport": "tcp", "targetPort": 8125 }""", bindings["udp"]);
    }

    [Fact]
    public void Image_entrypoint_and_args_are_written_as_given()
    {
        var builder = TestApplication.CreateBuilder(AppHostDirectory);
        builder.AddContainer("web", "ghcr.io/org/airflow:3.2.2")
            .WithEntrypoint("/bin/bash")
            .WithArgs("-c", "exec airflow api-server");

        var web = Resource(RenderConforming(builder), "web");

        Assert.Equal("ghcr.io/org/airflow:3.2.2", web["image"]!.GetValue<string>());
        Assert.Equal("/bin/bash", web["entrypoint"]!.GetValue<string>());
        Assert.Equal(["-c", "exec airflow api-server"], web["args"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public void Bind_mount_sources_are_relative_to_the_manifest_folder()
    {
        var builder = TestApplication.CreateBuilder(AppHostDirectory);
        builder.AddContainer("web", "apache/airflow", "3.2.2")
            .WithBindMount("dags", "/opt/airflow/dags", isReadOnly: true)
            .WithBindMount(temp.Combine("shared", "logs"), "/opt/airflow/logs");

        var bindMounts = Resource(RenderConforming(builder), "web")["bindMounts"]!.AsArray();

        AssertJson("""{ "source": "../apphost/dags", "target": "/opt/airflow/dags", "readOnly": true }""", bindMounts[0]);
        AssertJson("""{ "source": "../shared/logs", "target": "/opt/airflow/logs", "readOnly": false }""", bindMounts[1]);
    }

    [Fact]
    public void Volumes_keep_their_names_and_unnamed_ones_get_a_stable_name()
    {
        var builder = TestApplication.CreateBuilder(AppHostDirectory);
        builder.AddContainer("db", "postgres", "17.6")
            .WithVolume("pgdata", "/var/lib/postgresql/data")
            .WithVolume(null, "/backups", isReadOnly: true);

        var volumes = Resource(RenderConforming(builder), "db")["volumes"]!.AsArray();

        AssertJson("""{ "name": "pgdata", "target": "/var/lib/postgresql/data", "readOnly": false }""", volumes[0]);
        AssertJson("""{ "name": "test-db-backups", "target": "/backups", "readOnly": true }""", volumes[1]);
    }

    [Fact]
    public void Literal_braces_in_environment_values_and_args_are_doubled()
    {
        var builder = TestApplication.CreateBuilder(AppHostDirectory);
        var password = builder.AddGeneratedSecret("db-password");
        builder.AddContainer("web", "apache/airflow", "3.2.2")
            .WithEnvironment("JSON", """{"retries": 3}""")
            .WithEnvironment("JSON_WITH_SECRET", ReferenceExpression.Create($"{{\"password\": \"{password.Resource}\"}}"))
            .WithArgs("-c", "echo ${HOME}");

        var web = Resource(RenderConforming(builder), "web");

        Assert.Equal("""{{"retries": 3}}""", web["env"]!["JSON"]!.GetValue<string>());
        Assert.Equal("""{{"password": "{db-password.value}"}}""", web["env"]!["JSON_WITH_SECRET"]!.GetValue<string>());
        Assert.Equal("echo ${{HOME}}", web["args"]![1]!.GetValue<string>());
    }

    [Fact]
    public void Parameters_are_secret_inputs_generated_or_supplied_at_deployment()
    {
        var builder = TestApplication.CreateBuilder(AppHostDirectory);
        builder.AddGeneratedSecret("jwt-secret", minLength: 32);
        builder.AddParameter("smtp-password");

        var manifest = RenderConforming(builder);

        AssertJson(
            """
            { "type": "parameter.v0", "value": "{jwt-secret.inputs.value}",
              "inputs": { "value": { "type": "string", "secret": true, "default": { "generate": { "minLength": 32, "special": false } } } } }
            """,
            Resource(manifest, "jwt-secret"));
        AssertJson(
            """{ "type": "parameter.v0", "value": "{smtp-password.inputs.value}", "inputs": { "value": { "type": "string", "secret": true } } }""",
            Resource(manifest, "smtp-password"));
    }

    [Fact]
    public void A_parameter_value_from_configuration_never_appears_in_the_manifest()
    {
        const string generatedSecretValue = "configured-jwt-secret-8c1f2e";
        const string suppliedSecretValue = "configured-smtp-password-5d7a9b";
        var builder = TestApplication.CreateBuilder(
            AppHostDirectory, $"--Parameters:jwt-secret={generatedSecretValue}", $"--Parameters:smtp-password={suppliedSecretValue}");
        var jwt = builder.AddGeneratedSecret("jwt-secret");
        var smtp = builder.AddParameter("smtp-password");
        builder.AddContainer("web", "apache/airflow", "3.2.2")
            .WithEnvironment("JWT_SECRET", jwt)
            .WithEnvironment("SMTP_PASSWORD", smtp)
            .WithArgs(context => context.Args.Add(ReferenceExpression.Create($"--password={smtp.Resource}")));
        Assert.Equal(suppliedSecretValue, builder.Configuration["Parameters:smtp-password"]);

        var text = Render(builder.Build());

        ManifestConformance.Assert(text);
        Assert.DoesNotContain(generatedSecretValue, text);
        Assert.DoesNotContain(suppliedSecretValue, text);
        Assert.Contains("{smtp-password.value}", text);
    }

    [Fact]
    public void Rendering_is_byte_identical_every_time()
    {
        var first = Render(DeclareSample(TestApplication.CreateBuilder(AppHostDirectory)).Build());
        var app = DeclareSample(TestApplication.CreateBuilder(AppHostDirectory)).Build();

        var second = Render(app);
        var third = Render(app);

        Assert.Equal(Encoding.UTF8.GetBytes(first), Encoding.UTF8.GetBytes(second));
        Assert.Equal(Encoding.UTF8.GetBytes(second), Encoding.UTF8.GetBytes(third));
        ManifestConformance.Assert(first);
    }

    [Fact]
    public void Resources_are_written_in_the_order_they_were_added()
    {
        var builder = DeclareSample(TestApplication.CreateBuilder(AppHostDirectory));

        var manifest = RenderConforming(builder);

        Assert.Equal(builder.Resources.Select(r => r.Name), manifest["resources"]!.AsObject().Select(r => r.Key));
    }

    private static IDistributedApplicationBuilder DeclareSample(IDistributedApplicationBuilder builder)
    {
        var password = builder.AddGeneratedSecret("db-password");
        var db = builder.AddTestServer("db").WithEnvironment("POSTGRES_PASSWORD", password).WithVolume(null, "/var/lib/postgresql/data");
        var airflowDb = builder.AddTestDatabase("airflow-db", ReferenceExpression.Create($"{db.Resource.ConnectionStringExpression};Database=airflow"));
        var migrate = builder.AddContainer("migrate", "apache/airflow", "3.2.2").WithArgs("db", "migrate").WithReference(airflowDb).AsRunOnce();
        builder.AddContainer("web", "apache/airflow", "3.2.2")
            .WithHttpEndpoint(8080, isExternal: true)
            .WithBindMount("dags", "/opt/airflow/dags", isReadOnly: true)
            .WithReference(airflowDb)
            .WithEnvironment("CONFIG", """{"a": {"b": 1}}""")
            .WaitFor(db)
            .WaitForCompletion(migrate);
        return builder;
    }

    private JsonObject RenderConforming(IDistributedApplicationBuilder builder)
    {
        var text = Render(builder.Build());
        ManifestConformance.Assert(text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private string Render(DistributedApplication app) => ManifestRenderer.Render(app.Model, ManifestDirectory);

    private static JsonObject Resource(JsonObject manifest, string name) => manifest["resources"]![name]!.AsObject();

    private static JsonObject Env(JsonObject manifest, string name) => Resource(manifest, name)["env"]!.AsObject();

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(expected), actual),
            $"Expected {JsonNode.Parse(expected)!.ToJsonString()}{Environment.NewLine}but got {actual?.ToJsonString()}");
}

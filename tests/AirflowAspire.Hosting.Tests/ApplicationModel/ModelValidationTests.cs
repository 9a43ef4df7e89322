using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Tests.TestSupport;

namespace AirflowAspire.Hosting.Tests.ApplicationModel;

/// <summary>Every mistake in a model fails with a message that names the resource and says how to fix it.</summary>
public sealed class ModelValidationTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private IDistributedApplicationBuilder NewBuilder() => TestApplication.CreateBuilder(temp.Path);

    [Fact]
    public void Two_resources_with_one_name()
    {
        var builder = NewBuilder();
        builder.AddContainer("web", "apache/airflow");

        var error = Assert.Throws<DistributedApplicationException>(() => builder.AddGeneratedSecret("web"));

        AssertMentions(error, "'web'", "already used", "Give each resource its own name");
    }

    [Theory]
    [InlineData("Web", "web")]
    [InlineData("my_db", "my-db")]
    [InlineData("-web", "web")]
    [InlineData("web-", "web")]
    [InlineData("a123456789b123456789c123456789d123456789e123456789f123456789g123", "a123456789b123456789c123456789d123456789e123456789f123456789g12")]
    public void An_invalid_name_is_rejected_with_a_valid_suggestion(string name, string suggestion)
    {
        var error = Assert.Throws<DistributedApplicationException>(() => NewBuilder().AddContainer(name, "apache/airflow"));

        AssertMentions(error, $"'{name}'", "lowercase letters, digits and '-'", $"Try '{suggestion}'");
    }

    [Fact]
    public void An_empty_name_is_rejected()
    {
        var error = Assert.Throws<DistributedApplicationException>(() => NewBuilder().AddParameter(""));

        AssertMentions(error, "name ''", "1-63 characters");
    }

    [Fact]
    public void A_connection_string_reference_to_a_resource_of_another_builder()
    {
        var other = NewBuilder().AddTestDatabase("airflow-db", "Host=db");
        var web = NewBuilder().AddContainer("web", "apache/airflow");

        var error = Assert.Throws<DistributedApplicationException>(() => web.WithReference(other));

        AssertForeign(error, "web", "airflow-db");
    }

    [Fact]
    public void An_endpoint_reference_to_a_resource_of_another_builder()
    {
        var other = NewBuilder().AddContainer("api", "apache/airflow").WithHttpEndpoint(8080);
        var web = NewBuilder().AddContainer("web", "apache/airflow");

        var error = Assert.Throws<DistributedApplicationException>(() => web.WithReference(other.GetEndpoint("http")));

        AssertForeign(error, "web", "api");
    }

    [Fact]
    public void Waiting_for_a_resource_of_another_builder()
    {
        var other = NewBuilder().AddContainer("db", "postgres");
        var web = NewBuilder().AddContainer("web", "apache/airflow");

        AssertForeign(Assert.Throws<DistributedApplicationException>(() => web.WaitFor(other)), "web", "db");
        AssertForeign(Assert.Throws<DistributedApplicationException>(() => web.WaitForCompletion(other)), "web", "db");
    }

    [Fact]
    public void An_environment_variable_from_a_parameter_of_another_builder()
    {
        var other = NewBuilder().AddGeneratedSecret("jwt-secret");
        var web = NewBuilder().AddContainer("web", "apache/airflow");

        var error = Assert.Throws<DistributedApplicationException>(() => web.WithEnvironment("JWT_SECRET", other));

        AssertForeign(error, "web", "jwt-secret");
    }

    [Fact]
    public void An_expression_that_reaches_into_another_builder_fails_at_build()
    {
        var other = NewBuilder().AddContainer("db", "postgres").WithEndpoint("tcp", 5432);
        var builder = NewBuilder();
        builder.AddContainer("web", "apache/airflow")
            .WithEnvironment("DB_HOST", ReferenceExpression.Create($"{other.GetEndpoint("tcp").Host}"));

        var error = Assert.Throws<DistributedApplicationException>(builder.Build);

        AssertForeign(error, "web", "db");
    }

    [Fact]
    public void An_expression_naming_an_endpoint_the_resource_does_not_have_fails_at_build()
    {
        var builder = NewBuilder();
        var db = builder.AddContainer("db", "postgres").WithEndpoint("tcp", 5432);
        builder.AddContainer("web", "apache/airflow")
            .WithEnvironment("DB_PORT", ReferenceExpression.Create($"{db.GetEndpoint("postgres").Port}"));

        var error = Assert.Throws<DistributedApplicationException>(builder.Build);

        AssertMentions(error, "'db'", "no endpoint named 'postgres'", "Its endpoints are: tcp");
    }

    [Fact]
    public void Two_resources_waiting_for_each_other()
    {
        var builder = NewBuilder();
        var scheduler = builder.AddContainer("scheduler", "apache/airflow");
        var api = builder.AddContainer("api", "apache/airflow");
        scheduler.WaitFor(api);
        api.WaitFor(scheduler);

        var error = Assert.Throws<DistributedApplicationException>(builder.Build);

        AssertMentions(error, "scheduler -> api -> scheduler", "remove one of these WaitFor calls");
    }

    [Fact]
    public void Three_resources_waiting_in_a_circle()
    {
        var builder = NewBuilder();
        var scheduler = builder.AddContainer("scheduler", "apache/airflow");
        var api = builder.AddContainer("api", "apache/airflow");
        var worker = builder.AddContainer("worker", "apache/airflow");
        scheduler.WaitFor(api);
        api.WaitFor(worker);
        worker.WaitForCompletion(scheduler);

        var error = Assert.Throws<DistributedApplicationException>(builder.Build);

        AssertMentions(error, "scheduler -> api -> worker -> scheduler", "remove one of these WaitFor calls");
    }

    [Fact]
    public void A_resource_waiting_for_itself()
    {
        var web = NewBuilder().AddContainer("web", "apache/airflow");

        var error = Assert.Throws<DistributedApplicationException>(() => web.WaitFor(web));

        AssertMentions(error, "'web'", "cannot wait for itself");
    }

    [Theory]
    [InlineData(0, null, "target port 0")]
    [InlineData(65536, null, "target port 65536")]
    [InlineData(8080, 0, "host port 0")]
    [InlineData(8080, 65536, "host port 65536")]
    public void A_port_outside_1_to_65535(int targetPort, int? port, string named)
    {
        var web = NewBuilder().AddContainer("web", "apache/airflow");

        var error = Assert.Throws<DistributedApplicationException>(() => web.WithEndpoint("tcp", targetPort, port));

        AssertMentions(error, "'web'", "'tcp'", named, "between 1 and 65535");
    }

    [Fact]
    public void A_host_port_changed_to_one_outside_1_to_65535()
    {
        var web = NewBuilder().AddContainer("web", "apache/airflow").WithHttpEndpoint(8080);

        var error = Assert.Throws<DistributedApplicationException>(() => web.WithHostPort("http", 70000));

        AssertMentions(error, "'web'", "host port 70000", "between 1 and 65535");
    }

    [Fact]
    public void An_endpoint_scheme_outside_http_https_tcp_udp()
    {
        var web = NewBuilder().AddContainer("web", "apache/airflow");

        var error = Assert.Throws<DistributedApplicationException>(() => web.WithEndpoint("grpc", 50051, scheme: "grpc"));

        AssertMentions(error, "'web'", "scheme 'grpc'", "use one of http, https, tcp, udp");
    }

    [Fact]
    public void Two_resources_fixing_the_same_host_port()
    {
        var builder = NewBuilder();
        builder.AddContainer("api", "apache/airflow").WithHttpEndpoint(8080, port: 8080);
        builder.AddContainer("flower", "apache/airflow").WithHttpEndpoint(5555, port: 8080);

        var error = Assert.Throws<DistributedApplicationException>(builder.Build);

        AssertMentions(error, "Host port 8080", "'api' (endpoint 'http')", "'flower' (endpoint 'http')", "Give one of them another port");
    }

    [Fact]
    public void Replicas_sharing_a_fixed_host_port()
    {
        var builder = NewBuilder();
        builder.AddContainer("worker", "apache/airflow").WithEndpoint("logs", 8793, port: 8793).WithReplicas(2);

        var error = Assert.Throws<DistributedApplicationException>(builder.Build);

        AssertMentions(error, "'worker'", "2 replicas", "host port 8793", "Remove the port");
    }

    [Fact]
    public void Two_endpoints_with_one_name()
    {
        var web = NewBuilder().AddContainer("web", "apache/airflow").WithHttpEndpoint(8080);

        var error = Assert.Throws<DistributedApplicationException>(() => web.WithEndpoint("http", 8081));

        AssertMentions(error, "'web'", "already has an endpoint named 'http'", "Give each endpoint its own name");
    }

    [Fact]
    public void Two_endpoint_annotations_with_one_name_fail_at_build()
    {
        var builder = NewBuilder();
        builder.AddContainer("web", "apache/airflow")
            .WithAnnotation(new EndpointAnnotation("http", 8080, Scheme: "http", Transport: "http"))
            .WithAnnotation(new EndpointAnnotation("http", 8081, Scheme: "http", Transport: "http"));

        var error = Assert.Throws<DistributedApplicationException>(builder.Build);

        AssertMentions(error, "'web'", "2 endpoints named 'http'", "Give each endpoint its own name");
    }

    [Fact]
    public void Zero_replicas()
    {
        var worker = NewBuilder().AddContainer("worker", "apache/airflow");

        var error = Assert.Throws<DistributedApplicationException>(() => worker.WithReplicas(0));

        AssertMentions(error, "'worker'", "0 replicas", "at least 1");
    }

    [Theory]
    [InlineData("apache/airflow 3.2.2")]
    [InlineData(" apache/airflow")]
    [InlineData("")]
    public void An_image_that_is_not_an_image_reference(string image)
    {
        var error = Assert.Throws<DistributedApplicationException>(() => NewBuilder().AddContainer("web", image));

        AssertMentions(error, "'web'", $"'{image}'", "[registry/]name[:tag]");
    }

    [Fact]
    public void Changing_the_model_after_build()
    {
        var builder = NewBuilder();
        var web = builder.AddContainer("web", "apache/airflow");
        builder.Build();

        Assert.Throws<InvalidOperationException>(() => builder.AddContainer("api", "apache/airflow"));
        Assert.Throws<InvalidOperationException>(() => web.WithEnvironment("KEY", "value"));
        Assert.Throws<InvalidOperationException>(() => web.WithHttpEndpoint(8080));
        Assert.Throws<InvalidOperationException>(() => builder.OnBeforeBuild(_ => { }));
        Assert.Throws<InvalidOperationException>(builder.Build);
    }

    private static void AssertForeign(DistributedApplicationException error, string resource, string foreign) =>
        AssertMentions(error, $"'{resource}'", $"'{foreign}'", "another DistributedApplication builder", "Add it to this builder");

    private static void AssertMentions(Exception error, params string[] fragments)
    {
        foreach (var fragment in fragments)
        {
            Assert.True(error.Message.Contains(fragment, StringComparison.Ordinal), $"Expected \"{fragment}\" in: {error.Message}");
        }
    }
}

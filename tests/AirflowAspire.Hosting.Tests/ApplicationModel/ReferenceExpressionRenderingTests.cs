using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Tests.TestSupport;

namespace AirflowAspire.Hosting.Tests.ApplicationModel;

/// <summary>One expression, rendered for the manifest, a local run (two consumers) and a cluster.</summary>
public sealed class ReferenceExpressionRenderingTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly IResourceBuilder<ParameterResource> password;
    private readonly IResourceBuilder<ContainerResource> db;
    private readonly IResourceBuilder<ContainerResource> api;

    public ReferenceExpressionRenderingTests()
    {
        var builder = TestApplication.CreateBuilder(temp.Path);
        password = builder.AddGeneratedSecret("db-password");
        db = builder.AddContainer("db", "postgres", "17.6").WithEndpoint("tcp", 5432);
        api = builder.AddContainer("api", "apache/airflow", "3.2.2").WithHttpEndpoint(8080, port: 18080);
    }

    private static LocalRenderContext Local(LocalConsumer consumer) => new()
    {
        Consumer = consumer,
        ParameterValue = parameter => $"local-{parameter.Name}",
        HostPort = (_, endpoint) => endpoint.Port ?? 15432, // the free port a local run picked for db's endpoint
    };

    private static ClusterRenderContext Cluster => new()
    {
        ServiceName = resource => $"{resource.Name}-svc",
        ParameterValue = parameter => $"$({parameter.Name.ToUpperInvariant().Replace('-', '_')})",
    };

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_connection_string_with_host_port_and_password_renders_for_each_consumer()
    {
        var tcp = db.GetEndpoint("tcp");
        var expression = ReferenceExpression.Create($"postgresql://airflow:{password.Resource}@{tcp.Host}:{tcp.Port}/airflow");

        Assert.Equal("postgresql://airflow:{db-password.value}@{db.bindings.tcp.host}:{db.bindings.tcp.port}/airflow", expression.ToManifestExpression());
        Assert.Equal("postgresql://airflow:local-db-password@db:5432/airflow", expression.ToLocalValue(Local(LocalConsumer.ContainerNetwork)));
        Assert.Equal("postgresql://airflow:local-db-password@127.0.0.1:15432/airflow", expression.ToLocalValue(Local(LocalConsumer.Host)));
        Assert.Equal("postgresql://airflow:$(DB_PASSWORD)@db-svc:5432/airflow", expression.ToClusterValue(Cluster));
    }

    [Fact]
    public void A_url_renders_with_the_target_port_on_the_network_and_in_the_cluster_and_the_host_port_on_the_host()
    {
        var expression = ReferenceExpression.Create($"{api.GetEndpoint("http").Url}/execution/");

        Assert.Equal("{api.bindings.http.url}/execution/", expression.ToManifestExpression());
        Assert.Equal("http://api:8080/execution/", expression.ToLocalValue(Local(LocalConsumer.ContainerNetwork)));
        Assert.Equal("http://127.0.0.1:18080/execution/", expression.ToLocalValue(Local(LocalConsumer.Host)));
        Assert.Equal("http://api-svc:8080/execution/", expression.ToClusterValue(Cluster));
    }

    [Fact]
    public void The_url_of_an_endpoint_not_named_http_is_composed_in_the_manifest_and_renders_alike_elsewhere()
    {
        var expression = ReferenceExpression.Create($"{db.GetEndpoint("tcp").Url}");

        Assert.Equal("{db.bindings.tcp.scheme}://{db.bindings.tcp.host}:{db.bindings.tcp.targetPort}", expression.ToManifestExpression());
        Assert.Equal("tcp://db:5432", expression.ToLocalValue(Local(LocalConsumer.ContainerNetwork)));
        Assert.Equal("tcp://db-svc:5432", expression.ToClusterValue(Cluster));
    }

    [Fact]
    public void Literal_braces_are_doubled_only_in_the_manifest()
    {
        var expression = ReferenceExpression.Create($$"""{"password": "{{password.Resource}}"}""");

        Assert.Equal("""{{"password": "{db-password.value}"}}""", expression.ToManifestExpression());
        Assert.Equal("""{"password": "local-db-password"}""", expression.ToLocalValue(Local(LocalConsumer.ContainerNetwork)));
        Assert.Equal("""{"password": "$(DB_PASSWORD)"}""", expression.ToClusterValue(Cluster));
    }

    [Fact]
    public void An_expression_is_secret_exactly_when_it_contains_a_parameter()
    {
        var tcp = db.GetEndpoint("tcp");
        var withoutSecret = ReferenceExpression.Create($"Host={tcp.Host};Port={tcp.Port}");
        var withSecret = ReferenceExpression.Create($"{withoutSecret};Password={password.Resource}");
        var database = new TestDatabaseResource("airflow-db", withSecret);

        Assert.False(withoutSecret.IsSecret);
        Assert.False(ReferenceExpression.Literal("plain").IsSecret);
        Assert.True(withSecret.IsSecret);
        Assert.True(ReferenceExpression.Of(new ConnectionStringReference(database)).IsSecret);
    }
}

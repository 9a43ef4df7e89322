using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Integrations.Postgres;

namespace AirflowAspire.Hosting.Tests.Integrations;

public class PostgresTests
{
    [Fact]
    public void Server_runs_the_pinned_official_image_with_a_generated_password_and_a_data_volume()
    {
        using var test = TestApp.Create();
        test.Builder.AddPostgres("pg");
        var model = test.Builder.Build().Model;

        var server = (PostgresServerResource)model["pg"];
        Assert.Equal("docker.io/library/postgres:17.6", server.Image.Reference);
        var password = Assert.IsType<ParameterResource>(model["pg-password"]);
        Assert.Equal(22, password.Generate?.MinLength);
        var volume = Assert.Single(server.GetMounts());
        Assert.Equal(("test-pg-data", "/var/lib/postgresql/data", ContainerMountType.Volume), (volume.Source, volume.Target, volume.Type));
        Assert.Equal(5432, Assert.Single(server.GetEndpoints()).TargetPort);

        var env = TestApp.LocalEnvironment(server);
        Assert.Equal("postgres", env["POSTGRES_USER"]);
        Assert.Equal("value-of-pg-password", env["POSTGRES_PASSWORD"]);
    }

    [Fact]
    public void Health_check_is_pg_isready_over_tcp_so_it_fails_while_initdb_runs()
    {
        using var test = TestApp.Create();
        var server = test.Builder.AddPostgres("pg").Resource;

        var check = Assert.IsType<CommandHealthCheckAnnotation>(Assert.Single(server.GetHealthChecks()));
        Assert.Equal(["pg_isready", "-h", "127.0.0.1", "-U", "postgres"], check.Command);
        Assert.False(check.UseShell);
    }

    [Fact]
    public void Database_connection_string_is_npgsql_form_for_containers_and_for_the_host()
    {
        using var test = TestApp.Create();
        var db = test.Builder.AddPostgres("pg", port: 15432).AddDatabase("orders");
        test.Builder.Build();

        var expression = db.Resource.ConnectionStringExpression;
        Assert.Equal("Host=pg;Port=5432;Username=postgres;Password=value-of-pg-password;Database=orders",
            expression.ToLocalValue(TestApp.LocalContext(LocalConsumer.ContainerNetwork)));
        Assert.Equal("Host=127.0.0.1;Port=15432;Username=postgres;Password=value-of-pg-password;Database=orders",
            expression.ToLocalValue(TestApp.LocalContext(LocalConsumer.Host)));
        Assert.Equal("{pg.connectionString};Database=orders", expression.ToManifestExpression());
        Assert.True(expression.IsSecret);
    }

    [Fact]
    public void Database_is_created_by_the_image_on_first_start()
    {
        using var test = TestApp.Create();
        var server = test.Builder.AddPostgres("pg");
        server.AddDatabase("airflow-db", databaseName: "airflow");

        Assert.Equal("airflow", TestApp.LocalEnvironment(server.Resource)["POSTGRES_DB"]);
    }

    [Fact]
    public void Second_database_on_one_server_is_refused_with_the_fix()
    {
        using var test = TestApp.Create();
        var server = test.Builder.AddPostgres("pg");
        server.AddDatabase("one");

        var error = Assert.Throws<DistributedApplicationException>(() => server.AddDatabase("two"));
        Assert.Contains("'pg'", error.Message);
        Assert.Contains("AddPostgres", error.Message);
    }

    [Theory]
    [InlineData("Orders")]
    [InlineData("1orders")]
    [InlineData("my-db")]
    public void Database_name_must_need_no_quoting(string databaseName)
    {
        using var test = TestApp.Create();
        var server = test.Builder.AddPostgres("pg");

        var error = Assert.Throws<DistributedApplicationException>(() => server.AddDatabase("db", databaseName));
        Assert.Contains($"'{databaseName}'", error.Message);
    }

    [Fact]
    public void WithDataVolume_replaces_the_generated_volume_name()
    {
        using var test = TestApp.Create();
        var server = test.Builder.AddPostgres("pg").WithDataVolume("shared-pg");

        var volume = Assert.Single(server.Resource.GetMounts());
        Assert.Equal("shared-pg", volume.Source);
    }
}

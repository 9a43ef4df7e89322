using System.Text.RegularExpressions;
using k8s.Models;
using static AirflowAspire.Hosting.Kubernetes.Tests.Airflow.AirflowObjects;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Airflow;

/// <summary>
/// Connections, variables and pools in the kustomize tree. A connection's JSON is an environment value whose secret
/// parts are <c>$(VAR)</c> references to JSON-escaped copies of the secrets in the Secret (<c>key.json</c>), so no
/// file, ConfigMap or argument holds a secret; expanded as the kubelet does, Airflow's own parsing reads back the
/// password exactly, whatever characters it holds.
/// </summary>
public sealed partial class ConnectionTests
{
    private const string ReservedPassword = "p@ss:w/rd?#[]{}%&+= !\"$\\`;,<>|~^*()\u00e9";

    [SkippableFact]
    public async Task EveryConnectionExpandsInThePodToWhatAirflowReadsBack()
    {
        using var test = TestApp.CreateForPublish();
        var warehouse = test.Builder.AddPostgres("warehouse-server").AddDatabase("warehouse", databaseName: "dwh");
        var cache = test.Builder.AddRedis("cache");
        var events = test.Builder.AddRabbitMQ("events");
        var apiPassword = test.Builder.AddParameter("api-password", secret: true);
        test.AddAirflowWithDatabase(postgresVolume: true)
            .WithConnection("warehouse", warehouse)
            .WithConnection("cache", cache)
            .WithConnection("events", events)
            .WithConnection("partner_api", "http", "api.example.com", port: 443, login: "svc", password: apiPassword);
        using var cluster = await test.PublishAsync(new Dictionary<string, string?>
        {
            ["Parameters:warehouse-server-password"] = ReservedPassword,
            ["Parameters:cache-password"] = ReservedPassword,
            ["Parameters:events-password"] = ReservedPassword,
            ["Parameters:api-password"] = ReservedPassword,
        });

        var scheduler = Scheduler(cluster);
        var expanded = Expand(scheduler, cluster);
        var expected = new (string Variable, string Type, string Host, string Port)[]
        {
            ("AIRFLOW_CONN_WAREHOUSE", "postgres", "warehouse-server", "5432"),
            ("AIRFLOW_CONN_CACHE", "redis", "cache", "6379"),
            ("AIRFLOW_CONN_EVENTS", "amqp", "events", "5672"),
            ("AIRFLOW_CONN_PARTNER_API", "http", "api.example.com", "443"),
        };
        foreach (var (variable, type, host, port) in expected)
        {
            Assert.DoesNotContain(ReservedPassword, Env(scheduler, variable)!.Value, StringComparison.Ordinal);
            var connection = AirflowConnectionReader.Read(expanded[variable]);
            Assert.Equal(type, connection.Text("conn_type"));
            Assert.Equal(host, connection.Text("host"));
            Assert.Equal(port, connection.Text("port"));
            Assert.Equal(ReservedPassword, connection.Text("password"));
        }

        Assert.Equal("dwh", AirflowConnectionReader.Read(expanded["AIRFLOW_CONN_WAREHOUSE"]).Text("schema"));
        Assert.Equal("warehouse-server-password", SecretKey(scheduler, "AIRFLOWASPIRE_SECRET_WAREHOUSE_SERVER_PASSWORD_JSON")?.Replace(".json", "", StringComparison.Ordinal));
        Assert.DoesNotContain(cluster.All<V1ConfigMap>().SelectMany(c => c.Data?.Values ?? []), v => v.Contains(ReservedPassword, StringComparison.Ordinal));
        Assert.DoesNotContain(ReservedPassword, cluster.Rendered.Replace(cluster.SecretValues["api-password"], "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ASecondPostgresServerCreatesTheConnectionsDatabase()
    {
        using var test = TestApp.CreateForPublish();
        var warehouse = test.Builder.AddPostgres("warehouse-server").AddDatabase("warehouse", databaseName: "dwh");
        test.AddAirflowWithDatabase(postgresVolume: true).WithConnection("warehouse", warehouse);
        using var cluster = await test.PublishAsync();

        var server = Pod(Workload(cluster, "warehouse-server")).Containers.Single();
        Assert.Equal("dwh", Env(server, "POSTGRES_DB")!.Value);
        Assert.Equal("airflow", Env(Pod(Workload(cluster, "postgres")).Containers.Single(), "POSTGRES_DB")!.Value);
    }

    [SkippableFact]
    public async Task SecretVariablesComeFromTheSecretAndPlainOnesAreValues()
    {
        using var test = TestApp.CreateForPublish();
        var token = test.Builder.AddParameter("api-token", secret: true);
        test.AddAirflowWithDatabase(postgresVolume: true).WithVariable("env", "dev").WithVariable("api_token", token);
        using var cluster = await test.PublishAsync(new Dictionary<string, string?> { ["Parameters:api-token"] = "t0ken" });

        var scheduler = Scheduler(cluster);
        Assert.Equal("dev", Env(scheduler, "AIRFLOW_VAR_ENV")!.Value);
        Assert.Equal("api-token", SecretKey(scheduler, "AIRFLOW_VAR_API_TOKEN"));
    }

    [SkippableFact]
    public async Task TheMigrationJobSetsThePoolsAfterTheAdminUser()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithPool("etl", 4, "heavy $(work)");
        using var cluster = await test.PublishAsync();

        var createUser = Container(cluster.Get<V1Job>("airflow-init"), "create-user");
        Assert.EndsWith(
            "&& airflow pools set \"$AIRFLOWASPIRE_POOL_0_NAME\" \"$AIRFLOWASPIRE_POOL_0_SLOTS\" \"$AIRFLOWASPIRE_POOL_0_DESCRIPTION\"",
            createUser.Args[2], StringComparison.Ordinal);
        Assert.Equal("etl", Env(createUser, "AIRFLOWASPIRE_POOL_0_NAME")!.Value);
        Assert.Equal("4", Env(createUser, "AIRFLOWASPIRE_POOL_0_SLOTS")!.Value);
        // Escaped, so the kubelet passes the text on as it is.
        Assert.Equal("heavy $$(work)", Env(createUser, "AIRFLOWASPIRE_POOL_0_DESCRIPTION")!.Value);
    }

    private static V1Container Scheduler(PublishedCluster cluster) => Pod(Workload(cluster, "airflow-scheduler")).Containers.First(IsAirflow);

    private static k8s.IKubernetesObject Workload(PublishedCluster cluster, string name) =>
        cluster.Objects.Single(o => PublishedCluster.Name(o) == name && PublishedCluster.PodSpec(o) is not null);

    /// <summary>
    /// The container's variables as the kubelet sets them: a secretKeyRef reads the Secret, <c>$(VAR)</c> of a variable
    /// defined earlier expands, <c>$$</c> is one <c>$</c> (Kubernetes' expansion rules, pkg/kubelet/container expand).
    /// </summary>
    private static Dictionary<string, string> Expand(V1Container container, PublishedCluster cluster)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in container.Env ?? [])
        {
            values[variable.Name] = variable.ValueFrom?.SecretKeyRef is { } key
                ? cluster.SecretValues[key.Key]
                : Reference().Replace(variable.Value ?? "", m =>
                    m.Value == "$$" ? "$" : values.TryGetValue(m.Groups[1].Value, out var known) ? known : m.Value);
        }

        return values;
    }

    [GeneratedRegex(@"\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}

using System.Text.Json;
using AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests;

/// <summary>
/// Connections, variables and pools of the model, seen from inside the scheduler's container of a local run on the
/// STAND-IN image (not Airflow), whose <c>connections get</c> and <c>variables get</c> read the environment as Airflow's
/// default secrets backend and <c>Connection.from_json</c> do, and whose <c>pools</c> keep what the init's
/// <c>airflow pools set</c> made. What Aspire resolved for the container is what Airflow's rules read back, and a
/// connection to a server of the model reaches it from the container. One app run serves every check (each run costs
/// a minute of CI): the dashboard's view of them, the <c>airflow</c> resource's properties and the scheduler's
/// "Test connection" while Airflow's default keeps testing disabled, is checked on it too.
/// </summary>
[Collection(ContainerTests.Name)]
public sealed class ConnectionStandInTests(ITestOutputHelper output)
{
    private const string Password = "p@ss:w/rd?#[]{}%&+= !'\"$\\`;,<>|~^*()\u00e9";
    private const string Token = "t0ken$";

    [SkippableFact]
    public async Task The_scheduler_sees_the_connections_variables_and_pools_of_the_model_and_the_connections_reach_their_servers()
    {
        var (builder, airflow) = TestModel.CreateWithStandInAirflow(output);
        builder.Configuration["Parameters:partner-password"] = Password;
        builder.Configuration["Parameters:api-token"] = Token;
        builder.Configuration["Parameters:region"] = "eu-west";
        var cache = builder.AddRedis("cache").WithTestImage();
        var partnerPassword = builder.AddParameter("partner-password", secret: true);
        var token = builder.AddParameter("api-token", secret: true);
        airflow
            .WithConnection("cache", cache)
            .WithConnection("partner_api", "http", "api.example.com", port: 443, login: "svc", password: partnerPassword)
            .WithVariable("env", "dev")
            .WithVariable("api_token", token)
            .WithVariable("region", builder.AddParameter("region"))
            .WithPool("etl", 4, "ETL's heavy tasks")
            .WithPool("api", 1);

        var run = await RunningApp.StartAsync(builder, output);
        await using (run)
        {
            await run.WaitHealthyAsync("airflow-scheduler");
            var scheduler = run.Containers.Single(c => c.Value.StartsWith("airflow-scheduler-", StringComparison.Ordinal)).Key;

            var partner = await ConnectionAsync(scheduler, "partner_api");
            Assert.Equal("http", partner.GetProperty("conn_type").GetString());
            Assert.Equal("api.example.com", partner.GetProperty("host").GetString());
            Assert.Equal(443, partner.GetProperty("port").GetInt32());
            Assert.Equal("svc", partner.GetProperty("login").GetString());
            Assert.Equal(Password, partner.GetProperty("password").GetString());

            // The container reaches Redis at the address Aspire gives containers, with the generated password.
            var redis = await ConnectionAsync(scheduler, "cache");
            Assert.Equal("redis", redis.GetProperty("conn_type").GetString());
            Assert.Equal(6379, redis.GetProperty("port").GetInt32());
            Assert.False(string.IsNullOrEmpty(redis.GetProperty("password").GetString()));
            output.WriteLine($"cache: host {redis.GetProperty("host").GetString()}");

            // The value Aspire resolved for the container, read with Airflow's own parsing on the host.
            Assert.Equal(Password, AirflowConnectionReader.Read(await EnvironmentAsync(scheduler, "AIRFLOW_CONN_PARTNER_API")).Text("password"));

            // The Redis connection's host, port and password reach Redis from inside the container (read there, so the
            // password is in no command line).
            const string Ping = "import json, os, redis; c = json.loads(os.environ['AIRFLOW_CONN_CACHE']); " +
                "print(redis.Redis(host=c['host'], port=int(c['port']), password=c['password']).ping())";
            var (exitCode, pong, error) = await DockerEngine.RunAsync(TimeSpan.FromMinutes(1), "exec", scheduler, "python3", "-c", Ping);
            Assert.True(exitCode == 0, error);
            Assert.Equal("True", pong.Trim());

            Assert.Equal(["dev"], await AirflowAsync(scheduler, "variables", "get", "env"));
            Assert.Equal([Token], await AirflowAsync(scheduler, "variables", "get", "api_token"));

            // The init set both pools; setting one again (the next init) changes nothing.
            await AirflowAsync(scheduler, "pools", "set", "etl", "4", "ETL's heavy tasks");
            var pools = JsonDocument.Parse(string.Concat(await AirflowAsync(scheduler, "pools", "list", "-o", "json"))).RootElement;
            Assert.Equal(
                ["api:1:", "etl:4:ETL's heavy tasks"],
                pools.EnumerateArray().Select(p => $"{p.GetProperty("pool")}:{p.GetProperty("slots")}:{p.GetProperty("description")}"));

            await ConnectionTestCommandTests.AssertShownWithoutSecretsWhileTestingIsDisabledAsync(run, Password, Token);

            await run.StopAndAssertCleanedUpAsync();
        }
    }

    private static async Task<string> EnvironmentAsync(string container, string variable)
    {
        var (exitCode, value, error) = await DockerEngine.RunAsync(TimeSpan.FromMinutes(1), "exec", container, "printenv", variable);
        Assert.True(exitCode == 0, $"{variable}: {error}");
        return value.TrimEnd('\n');
    }

    private static async Task<JsonElement> ConnectionAsync(string container, string id) =>
        JsonDocument.Parse(string.Concat(await AirflowAsync(container, "connections", "get", id, "-o", "json"))).RootElement[0];

    private static async Task<IReadOnlyList<string>> AirflowAsync(string container, params string[] args)
    {
        var (exitCode, stdout, stderr) = await DockerEngine.RunAsync(TimeSpan.FromMinutes(1), ["exec", container, "airflow", .. args]);
        Assert.True(exitCode == 0, $"airflow {string.Join(' ', args)} failed ({exitCode}): {stderr}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Airflow.LocalFallback;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.LocalServerTests;

/// <summary>
/// With no container runtime and an <c>airflow</c> on PATH, the Airflow components run as local processes of it.
/// The <c>airflow</c> here is a STAND-IN (LocalAirflowStandIn; not Airflow) that records what it was asked and
/// answers the health checks: these tests show the wiring (order, commands, environment, ports, checks), nothing
/// about Airflow itself.
/// </summary>
public sealed class LocalAirflowTests(ITestOutputHelper output)
{
    private static readonly string[] LongRunning =
        ["airflow-api-server", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer", "airflow-worker", "airflow-worker-2", "airflow-flower"];

    [SkippableFact]
    public async Task With_airflow_on_path_the_components_run_locally_after_init_against_the_local_servers()
    {
        LocalApp.RequireServers();
        using var folder = new TempFolder();
        var data = LocalApp.ReachableBy(folder);
        using var standIn = new LocalAirflowStandIn(folder);
        var dags = folder.Folder("dags");
        var builder = LocalApp.Create(output, ContainerRuntimeProbe.None, data);
        var db = builder.AddPostgres("pg").AddDatabase("meta", databaseName: "airflow");
        var redis = builder.AddRedis("cache");
        var airflow = builder.AddAirflow("airflow").WithDatabase(db).WithCeleryExecutor(redis).WithWorkers(2).WithTriggerer().WithFlower().WithDags(dags);
        var home = Path.Combine(data, builder.Environment.ApplicationName, "airflow");

        await using (var app = await builder.BuildAsync().WaitAsync(TimeSpan.FromMinutes(1)))
        {
            await app.StartAsync().WaitAsync(LocalApp.ResourceTimeout);
            var model = app.Services.GetRequiredService<DistributedApplicationModel>();
            LocalAirflowComponentResource Component(string name) => Assert.IsType<LocalAirflowComponentResource>(model.Resources.Single(r => r.Name == name));
            Assert.All(LongRunning.Prepend("airflow-init"), name => Component(name));
            Assert.Empty(model.Resources.OfType<UnavailableResource>());

            // What a user sees: init runs to its end, successfully; then every other component is healthy.
            var init = await app.ResourceNotifications
                .WaitForResourceAsync("airflow-init", e => e.Snapshot.State?.Text is { } s && KnownResourceStates.TerminalStates.Contains(s))
                .WaitAsync(LocalApp.ResourceTimeout);
            Assert.Equal(KnownResourceStates.Finished, init.Snapshot.State?.Text);
            Assert.Equal(0, init.Snapshot.ExitCode);
            foreach (var name in LongRunning)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(name).WaitAsync(LocalApp.ResourceTimeout);
                output.WriteLine($"{name} healthy");
            }

            var pgPort = ((LocalServerResource)model.Resources.Single(r => r.Name == "pg")).Endpoint.Port;
            var redisPort = ((LocalServerResource)model.Resources.Single(r => r.Name == "cache")).Endpoint.Port;
            var apiPort = Component("airflow-api-server").HttpEndpoint.Port;
            var calls = LocalAirflowStandIn.Calls(home);
            foreach (var call in calls)
            {
                output.WriteLine(string.Join(' ', Argv(call)));
            }

            // Init first (the entrypoint's migration, then its command: the admin user), then one start per component.
            Assert.Equal(["db migrate", "users create"], calls.Take(2).Select(c => string.Join(' ', Argv(c).Take(2))));
            Assert.Equal(
                ["api-server", "celery flower", "celery worker", "celery worker", "dag-processor", "scheduler", "triggerer"],
                calls.Skip(2).Select(c => string.Join(' ', Argv(c).Take(2))).Order());

            // The migration reached the local Postgres and Redis with the URLs the _CMD options build, passwords included.
            var migrate = calls[0];
            var pgPassword = await db.Resource.Parent.PasswordParameter.GetValueAsync(default);
            Assert.Equal($"postgresql+psycopg2://postgres:{Digest(pgPassword!)}@localhost:{pgPort}/airflow", (string?)migrate["database"]);
            Assert.Equal($"redis://:{Digest((await redis.Resource.PasswordParameter!.GetValueAsync(default))!)}@localhost:{redisPort}/0", (string?)migrate["broker"]);
            Assert.Equal("+PONG", (string?)migrate["broker_answer"]);
            Assert.Equal(44, (int?)migrate["fernet_key_length"]);

            // The admin password reached `users create` on its prompt, and no process's arguments (what ps shows) held it meanwhile.
            var adminPassword = await airflow.Resource.Secrets.AdminPassword.GetValueAsync(default);
            var usersCreate = Argv(calls[1]);
            Assert.Equal("admin", After(usersCreate, "--username"));
            Assert.Equal("Admin", After(usersCreate, "--role"));
            Assert.Equal(Digest(adminPassword!), (string?)calls[1]["password"]);
            Assert.Empty(calls[1]["password_shown_by"]!.AsArray());
            Assert.DoesNotContain("--password", usersCreate);

            foreach (var call in calls)
            {
                Assert.Equal(home, Env(call, "AIRFLOW_HOME"));
                Assert.Equal(dags, Env(call, "AIRFLOW__CORE__DAGS_FOLDER"));
                Assert.Equal($"localhost:{pgPort}/airflow", Env(call, "AIRFLOWASPIRE_DATABASE_ADDRESS"));
                Assert.Equal($"localhost:{redisPort}/0", Env(call, "AIRFLOWASPIRE_BROKER_ADDRESS"));
                Assert.Equal($"http://localhost:{apiPort}/execution/", Env(call, "AIRFLOW__CORE__EXECUTION_API_SERVER_URL"));
                Assert.StartsWith($"{standIn.Python} -c ", Env(call, "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_CMD"), StringComparison.Ordinal);
                Assert.StartsWith($"{standIn.Python} -c ", Env(call, "AIRFLOW__CORE__FERNET_KEY_CMD"), StringComparison.Ordinal);
                Assert.StartsWith($"{standIn.Bin}{Path.PathSeparator}", Env(call, "PATH"), StringComparison.Ordinal);
            }

            // Two workers side by side: node names and log server ports of their own, each its endpoint's port;
            // no two components share a log server port.
            var workers = calls.Where(c => Argv(c).Take(2).SequenceEqual(["celery", "worker"])).ToDictionary(c => After(Argv(c), "--celery-hostname")!);
            Assert.Equal(["celery@airflow-worker", "celery@airflow-worker-2"], workers.Keys.Order());
            Assert.Equal($"{Component("airflow-worker").HttpEndpoint.Port}", Env(workers["celery@airflow-worker"], "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT"));
            Assert.Equal($"{Component("airflow-worker-2").HttpEndpoint.Port}", Env(workers["celery@airflow-worker-2"], "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT"));
            // Each worker started once the API server answered, at the execution API URL it was given.
            Assert.All(workers.Values, w => Assert.Equal(200, (int?)w["api_server_answer"]));
            var logPorts = calls.Skip(2).Select(c => Env(c, "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT")).ToList();
            Assert.Equal(logPorts.Count, logPorts.Distinct().Count());

            // The UI answers on the local endpoint the dashboard shows.
            using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
            {
                var response = await http.GetAsync(new Uri($"http://localhost:{apiPort}/api/v2/monitor/health"));
                Assert.True(response.IsSuccessStatusCode, $"GET /api/v2/monitor/health: {(int)response.StatusCode}");
            }

            // The UI, Flower and the scheduler's health server are for this machine only: they listen on loopback.
            foreach (var name in new[] { "airflow-api-server", "airflow-flower", "airflow-scheduler" })
            {
                var port = Component(name).HttpEndpoint.Port;
                var listening = ListeningSockets.On(port);
                Assert.NotEmpty(listening);
                Assert.All(listening, address => Assert.True(ListeningSockets.IsLoopback(address), $"{name} listens on {address} port {port}, not only on loopback"));
            }

            await app.StopAsync().WaitAsync(LocalApp.ResourceTimeout);
        }

        var left = await LocalApp.WaitUntilNoProcessMentionsAsync(data);
        Assert.Empty(left);
    }

    private static string[] Argv(JsonObject call) => [.. call["argv"]!.AsArray().Select(a => (string)a!)];

    private static string? Env(JsonObject call, string name) => (string?)call["env"]![name];

    private static string? After(string[] argv, string flag) => Array.IndexOf(argv, flag) is var i and >= 0 && i + 1 < argv.Length ? argv[i + 1] : null;

    private static string Digest(string secret) => $"sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))}";
}

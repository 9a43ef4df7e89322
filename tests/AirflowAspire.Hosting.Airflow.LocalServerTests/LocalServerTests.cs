using System.Diagnostics;
using AirflowAspire.Hosting.Airflow.LocalFallback;
using Aspire.Hosting.Eventing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RabbitMQ.Client;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.LocalServerTests;

/// <summary>
/// With no container runtime (forced by configuration), Postgres, Redis and RabbitMQ run as local processes from
/// the machine's installed servers and answer their clients, and (with no <c>airflow</c> on PATH) the Airflow
/// components say what to install.
/// </summary>
public sealed class LocalServerTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(30);

    [SkippableFact]
    public async Task Without_a_runtime_the_servers_run_locally_healthy_and_airflow_says_what_to_install()
    {
        LocalApp.RequireServers();
        var installed = LocalAirflowInstallation.Find();
        Skip.If(installed is not null, $"An airflow is on PATH ({installed?.Executable}): the components would run from it.");
        using var folder = new TempFolder();
        var data = LocalApp.ReachableBy(folder);
        var builder = LocalApp.Create(output, ContainerRuntimeProbe.None, data);
        var db = builder.AddPostgres("pg").WithDataVolume().AddDatabase("meta", databaseName: "airflow_meta");
        var redis = builder.AddRedis("cache");
        builder.AddRabbitMQ("queue");
        builder.AddAirflow("airflow").WithDatabase(db).WithCeleryExecutor(redis);

        var clock = Stopwatch.StartNew();
        await using (var app = await builder.BuildAsync().WaitAsync(TimeSpan.FromMinutes(1)))
        {
            await app.StartAsync().WaitAsync(LocalApp.ResourceTimeout);
            output.WriteLine($"started after {clock.Elapsed.TotalSeconds:0.0} s");
            var model = app.Services.GetRequiredService<DistributedApplicationModel>();
            Assert.All(new[] { "pg", "cache", "queue" }, name => Assert.IsType<LocalServerResource>(model.Resources.Single(r => r.Name == name)));
            Assert.Equal("airflow_meta", Assert.IsType<LocalDatabaseResource>(model.Resources.Single(r => r.Name == "meta")).DatabaseName);

            foreach (var name in new[] { "pg", "meta", "cache", "queue", "queue-epmd" })
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(name).WaitAsync(LocalApp.ResourceTimeout);
                output.WriteLine($"{name} healthy after {clock.Elapsed.TotalSeconds:0.0} s");
            }

            // Postgres: the password parameter's value works over TCP, and AddDatabase's database exists under its
            // resource's connection string.
            var meta = await app.GetConnectionStringAsync("meta").AsTask().WaitAsync(ClientTimeout);
            await using (var connection = new NpgsqlConnection($"{meta};Pooling=false"))
            {
                await connection.OpenAsync().WaitAsync(ClientTimeout);
                await using var command = new NpgsqlCommand("SELECT current_database(), version()", connection);
                await using var reader = await command.ExecuteReaderAsync();
                Assert.True(await reader.ReadAsync());
                Assert.Equal("airflow_meta", reader.GetString(0));
                Assert.StartsWith("PostgreSQL", reader.GetString(1), StringComparison.Ordinal);
            }

            var cache = await app.GetConnectionStringAsync("cache").AsTask().WaitAsync(ClientTimeout);
            Assert.Contains("password=", cache, StringComparison.Ordinal);
            await using (var connection = await ConnectionMultiplexer.ConnectAsync(cache!).WaitAsync(ClientTimeout))
            {
                await connection.GetDatabase().StringSetAsync("k", "v");
                Assert.Equal("v", (string?)await connection.GetDatabase().StringGetAsync("k"));
            }

            var queue = await app.GetConnectionStringAsync("queue").AsTask().WaitAsync(ClientTimeout);
            var factory = new ConnectionFactory { Uri = new Uri(queue!), AutomaticRecoveryEnabled = false };
            await using (var connection = await factory.CreateConnectionAsync().WaitAsync(ClientTimeout))
            await using (var channel = await connection.CreateChannelAsync())
            {
                var declared = await channel.QueueDeclareAsync("airflowaspire-test", durable: false, exclusive: true, autoDelete: true);
                Assert.Equal("airflowaspire-test", declared.QueueName);
            }

            // The Airflow components do not hang Waiting: each says no runtime answered and what to install, a runtime
            // or Airflow of the model's version.
            var airflow = model.Resources.OfType<AirflowResource>().Single();
            var components = model.Resources.OfType<UnavailableResource>().Select(r => r.Name).ToList();
            Assert.Contains("airflow-scheduler", components);
            Assert.Contains("airflow-init", components);
            foreach (var name in components)
            {
                var state = await app.ResourceNotifications.WaitForResourceAsync(name, e => e.Snapshot.State?.Text == UnavailableResource.State)
                    .WaitAsync(ClientTimeout);
                var message = Assert.Single(state.Snapshot.Properties, p => p.Name == "airflowaspire.message").Value as string ?? "";
                Assert.Contains("install Docker or Podman", message, StringComparison.Ordinal);
                Assert.Contains($"apache-airflow[celery,postgres,redis,fab]=={airflow.Version}", message, StringComparison.Ordinal);
            }

            Assert.Empty(model.Resources.OfType<AirflowComponentResource>());
            await app.ResourceNotifications.WaitForResourceAsync("airflow", UnavailableResource.State).WaitAsync(ClientTimeout);
            Assert.NotNull(airflow);
            Assert.NotEmpty(LocalApp.ProcessesMentioning(data));
            await app.StopAsync().WaitAsync(LocalApp.ResourceTimeout);
        }

        clock.Restart();
        var left = await LocalApp.WaitUntilNoProcessMentionsAsync(data);
        output.WriteLine($"processes gone {clock.Elapsed.TotalSeconds:0.0} s after dispose; left: {string.Join(" | ", left)}");
        Assert.Empty(left);
    }

    [SkippableFact]
    public async Task Postgres_keeps_its_data_across_two_runs()
    {
        LocalApp.RequireServers();
        using var folder = new TempFolder();
        var data = LocalApp.ReachableBy(folder);
        for (var run = 1; run <= 2; run++)
        {
            var builder = LocalApp.Create(output, ContainerRuntimeProbe.None, data);
            var db = builder.AddPostgres("pg").WithDataVolume().AddDatabase("meta", databaseName: "kept");
            builder.AddAirflow("airflow").WithDatabase(db);
            await using var app = await builder.BuildAsync().WaitAsync(TimeSpan.FromMinutes(1));
            await app.StartAsync().WaitAsync(LocalApp.ResourceTimeout);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("pg").WaitAsync(LocalApp.ResourceTimeout);
            var pg = await app.GetConnectionStringAsync("pg").AsTask().WaitAsync(ClientTimeout);
            await using (var connection = new NpgsqlConnection($"{pg};Database=kept;Pooling=false"))
            {
                await connection.OpenAsync().WaitAsync(ClientTimeout);
                var sql = run == 1
                    ? "CREATE TABLE runs (n int); INSERT INTO runs VALUES (1); SELECT count(*) FROM runs"
                    : "INSERT INTO runs VALUES (2); SELECT count(*) FROM runs";
                await using var command = new NpgsqlCommand(sql, connection);
                Assert.Equal((long)run, await command.ExecuteScalarAsync());
            }

            await app.StopAsync().WaitAsync(LocalApp.ResourceTimeout);
            await app.DisposeAsync();
            Assert.Empty(await LocalApp.WaitUntilNoProcessMentionsAsync(data));
        }
    }

    [Fact]
    public async Task With_a_runtime_nothing_is_replaced()
    {
        using var folder = new TempFolder();
        var builder = LocalApp.Create(output, "docker", folder.Path);
        var db = builder.AddPostgres("pg").AddDatabase("meta");
        var redis = builder.AddRedis("cache");
        builder.AddRabbitMQ("queue");
        builder.AddAirflow("airflow").WithDatabase(db).WithCeleryExecutor(redis);
        await using var app = builder.Build();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var before = model.Resources.ToList();

        await app.Services.GetRequiredService<IDistributedApplicationEventing>()
            .PublishAsync(new BeforeStartEvent(app.Services, model)).WaitAsync(ClientTimeout);

        Assert.Equal(before, model.Resources);
        Assert.Empty(model.Resources.OfType<LocalServerResource>());
        Assert.Empty(model.Resources.OfType<UnavailableResource>());
        Assert.IsType<PostgresServerResource>(model.Resources.Single(r => r.Name == "pg"));
        Assert.NotEmpty(model.Resources.OfType<AirflowComponentResource>());
    }

    [Fact]
    public async Task The_probe_honours_the_switch_and_the_runtime_aspire_is_told_to_use()
    {
        static IConfiguration Settings(params (string Key, string Value)[] pairs) =>
            new ConfigurationBuilder()
                .AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

        Assert.Null(await ContainerRuntimeProbe.FindAsync(Settings((ContainerRuntimeProbe.SettingKey, "none")), CancellationToken.None));
        Assert.Equal("docker", await ContainerRuntimeProbe.FindAsync(Settings((ContainerRuntimeProbe.SettingKey, "docker")), CancellationToken.None));

        var clock = Stopwatch.StartNew();
        Assert.Null(await ContainerRuntimeProbe.FindAsync(Settings(("ASPIRE_CONTAINER_RUNTIME", "airflowaspire-no-such-runtime")), CancellationToken.None)
            .WaitAsync(ClientTimeout));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }
}

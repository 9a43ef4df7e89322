using System.Text;
using AirflowAspire.Hosting.Airflow.FunctionalTests.TestSupport;
using Npgsql;
using RabbitMQ.Client;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Airflow.FunctionalTests;

/// <summary>
/// Aspire's own Postgres, Redis and RabbitMQ integrations, run by Aspire's orchestrator on the machine's Docker
/// engine (with locally built images): the services Airflow needs come up healthy and answer their clients.
/// </summary>
[Collection(ContainerTests.Name)]
public sealed class DataServicesTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Postgres_redis_and_rabbitmq_become_healthy_and_answer_their_clients()
    {
        var builder = TestModel.Create(output);
        var postgres = builder.AddPostgres("pg").WithTestImage();
        postgres.AddDatabase("appdb", databaseName: "airflow_meta");
        builder.AddRedis("cache").WithTestImage();
        builder.AddRabbitMQ("queue").WithTestImage();

        var run = await RunningApp.StartAsync(builder, output);
        await using (run)
        {
            foreach (var name in new[] { "pg", "appdb", "cache", "queue" })
            {
                await run.WaitHealthyAsync(name);
            }

            // The database AddDatabase asked for exists, and its connection string opens it.
            var databaseConnection = await run.App.GetConnectionStringAsync("appdb").AsTask().WaitAsync(ClientTimeout);
            await using (var connection = new NpgsqlConnection(databaseConnection))
            {
                await connection.OpenAsync().WaitAsync(ClientTimeout);
                Assert.Equal("airflow_meta", connection.Database);
                await using var command = new NpgsqlCommand("SELECT current_database(), version()", connection);
                await using var reader = await command.ExecuteReaderAsync();
                Assert.True(await reader.ReadAsync());
                Assert.Equal("airflow_meta", reader.GetString(0));
                Assert.StartsWith("PostgreSQL 15", reader.GetString(1), StringComparison.Ordinal);
            }

            var serverConnection = await run.App.GetConnectionStringAsync("pg").AsTask().WaitAsync(ClientTimeout);
            await using (var connection = new NpgsqlConnection(serverConnection))
            {
                await connection.OpenAsync().WaitAsync(ClientTimeout);
                await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = 'airflow_meta'", connection);
                Assert.Equal(1L, await command.ExecuteScalarAsync());
            }

            // Redis: with a password (Aspire generates one), no TLS here since there is no developer certificate.
            var redisConnection = await run.App.GetConnectionStringAsync("cache").AsTask().WaitAsync(ClientTimeout);
            Assert.Contains("password=", redisConnection, StringComparison.Ordinal);
            await using (var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection!).WaitAsync(ClientTimeout))
            {
                var db = redis.GetDatabase();
                Assert.True(await db.StringSetAsync("airflowaspire:probe", "hello"));
                Assert.Equal("hello", (string?)await db.StringGetAsync("airflowaspire:probe"));
            }

            // RabbitMQ: the AMQP URL Aspire hands out takes a message there and back.
            var rabbitConnection = await run.App.GetConnectionStringAsync("queue").AsTask().WaitAsync(ClientTimeout);
            var factory = new ConnectionFactory { Uri = new Uri(rabbitConnection!) };
            await using (var connection = await factory.CreateConnectionAsync().WaitAsync(ClientTimeout))
            await using (var channel = await connection.CreateChannelAsync())
            {
                await channel.QueueDeclareAsync("airflowaspire-probe", durable: false, exclusive: true, autoDelete: true);
                await channel.BasicPublishAsync(string.Empty, "airflowaspire-probe", Encoding.UTF8.GetBytes("hello"));
                BasicGetResult? message = null;
                for (var attempt = 0; attempt < 50 && message is null; attempt++)
                {
                    message = await channel.BasicGetAsync("airflowaspire-probe", autoAck: true);
                    if (message is null)
                    {
                        await Task.Delay(100);
                    }
                }

                Assert.NotNull(message);
                Assert.Equal("hello", Encoding.UTF8.GetString(message.Body.Span));
            }

            await run.StopAndAssertCleanedUpAsync();
        }
    }
}

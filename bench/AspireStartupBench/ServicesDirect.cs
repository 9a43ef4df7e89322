using System.Diagnostics;
using Npgsql;
using RabbitMQ.Client;
using StackExchange.Redis;

namespace AirflowAspire.Bench.AspireStartup;

/// <summary>
/// The baseline: the same three images started at once with <c>docker run</c> on free host ports, each polled every
/// 50 ms with the same kind of check until it answers, then removed.
/// </summary>
internal static class ServicesDirect
{
    public static async Task<TimeSpan> TimeAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var containers = new[] { $"bench-pg-{suffix}", $"bench-redis-{suffix}", $"bench-mq-{suffix}" };
        var watch = Stopwatch.StartNew();
        try
        {
            await Task.WhenAll(
                Docker("run", "-d", "--name", containers[0], "-p", "127.0.0.1::5432", "-e", $"POSTGRES_PASSWORD={DataServices.Password}",
                    $"{DataServices.Postgres}:{DataServices.PostgresTag}"),
                Docker("run", "-d", "--name", containers[1], "-p", "127.0.0.1::6379", "--entrypoint", "/bin/sh",
                    $"{DataServices.Redis}:{DataServices.RedisTag}", "-c", $"redis-server --requirepass {DataServices.Password} --protected-mode no"),
                Docker("run", "-d", "--name", containers[2], "-p", "127.0.0.1::5672", "-e", "RABBITMQ_DEFAULT_USER=guest",
                    "-e", $"RABBITMQ_DEFAULT_PASS={DataServices.Password}", $"{DataServices.RabbitMQ}:{DataServices.RabbitMQTag}"));
            var ports = await Task.WhenAll(containers.Select(HostPortAsync));
            await Task.WhenAll(
                PollAsync(() => PostgresAnswersAsync(ports[0])),
                PollAsync(() => RedisAnswersAsync(ports[1])),
                PollAsync(() => RabbitAnswersAsync(ports[2])));
            return watch.Elapsed;
        }
        finally
        {
            await ProcessRuns.RunAsync("docker", ["rm", "-f", "-v", .. containers]);
        }
    }

    private static async Task Docker(params string[] args)
    {
        if (await ProcessRuns.RunAsync("docker", args) != 0)
        {
            throw new InvalidOperationException($"docker {string.Join(' ', args)} failed.");
        }
    }

    private static async Task<int> HostPortAsync(string container)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, ArgumentList = { "port", container } };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return int.Parse(output.Trim().Split('\n')[0].Split(':').Last(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task PollAsync(Func<Task> check)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await check();
                return;
            }
            catch (Exception) when (deadline.Elapsed < TimeSpan.FromMinutes(3))
            {
                await Task.Delay(50);
            }
        }
    }

    private static async Task PostgresAnswersAsync(int port)
    {
        await using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={port};Username=postgres;Password={DataServices.Password};Timeout=2");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync();
    }

    private static async Task RedisAnswersAsync(int port)
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},password={DataServices.Password},connectTimeout=2000,abortConnect=true");
        await redis.GetDatabase().PingAsync();
    }

    private static async Task RabbitAnswersAsync(int port)
    {
        var factory = new ConnectionFactory { HostName = "127.0.0.1", Port = port, UserName = "guest", Password = DataServices.Password };
        await using var connection = await factory.CreateConnectionAsync();
    }
}

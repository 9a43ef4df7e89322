using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace AirflowAspire.Bench.AspireStartup;

/// <summary>
/// Postgres, Redis and RabbitMQ from Aspire's integrations, started by Aspire's orchestrator: from building the app
/// to all three reported healthy by Aspire's own health checks (a query, a PING, an AMQP connection).
/// </summary>
internal static class ServicesUnderAspire
{
    public static async Task<TimeSpan> TimeAsync()
    {
        System.Reflection.Assembly.Load("AirflowAspire.AppHost");
        var watch = Stopwatch.StartNew();
        await using var builder = DistributedApplicationTestingBuilder.Create(
            $"Parameters:pg-password={DataServices.Password}",
            $"Parameters:redis-password={DataServices.Password}",
            $"Parameters:mq-password={DataServices.Password}");
        var password = builder.AddParameter("pg-password", secret: true);
        builder.AddPostgres("pg", password: password).WithImage(DataServices.Postgres, DataServices.PostgresTag).WithImageRegistry(null);
        builder.AddRedis("redis", password: builder.AddParameter("redis-password", secret: true))
            .WithImage(DataServices.Redis, DataServices.RedisTag).WithImageRegistry(null);
        builder.AddRabbitMQ("mq", password: builder.AddParameter("mq-password", secret: true))
            .WithImage(DataServices.RabbitMQ, DataServices.RabbitMQTag).WithImageRegistry(null);

        await using var app = await builder.BuildAsync();
        await app.StartAsync().WaitAsync(TimeSpan.FromMinutes(3));
        await Task.WhenAll(
            app.ResourceNotifications.WaitForResourceHealthyAsync("pg"),
            app.ResourceNotifications.WaitForResourceHealthyAsync("redis"),
            app.ResourceNotifications.WaitForResourceHealthyAsync("mq")).WaitAsync(TimeSpan.FromMinutes(3));
        var elapsed = watch.Elapsed;

        await app.StopAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return elapsed;
    }
}

using AirflowAspire.Hosting;
using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Bench.Orchestration;

/// <summary>The application both sides run: Postgres, Redis and RabbitMQ, nothing waiting on anything.</summary>
internal static class BenchModel
{
    public const string Postgres = "postgres";
    public const string Redis = "redis";
    public const string RabbitMQ = "rabbitmq";

    public static readonly IReadOnlyList<string> Servers = [Postgres, Redis, RabbitMQ];

    /// <summary>One value per parameter for the whole run, the same on both sides (letters and digits, as generated).</summary>
    private static readonly string Secret = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    public static DistributedApplicationModel Build(string appHostDirectory)
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            ApplicationName = "orchestration-bench",
            AppHostDirectory = appHostDirectory,
        });
        builder.AddPostgres(Postgres);
        builder.AddRedis(Redis);
        builder.AddRabbitMQ(RabbitMQ);
        return builder.Build().Model;
    }

    public static string ParameterValue(ParameterResource parameter) => $"{parameter.Name}-{Secret}";
}

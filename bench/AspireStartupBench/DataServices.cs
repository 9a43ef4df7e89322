namespace AirflowAspire.Bench.AspireStartup;

/// <summary>The locally built images that honour the official postgres, redis and rabbitmq images' settings.</summary>
internal static class DataServices
{
    public const string Postgres = "airflowaspire-test/postgres";
    public const string PostgresTag = "15";
    public const string Redis = "airflowaspire-test/redis";
    public const string RedisTag = "7.0";
    public const string RabbitMQ = "airflowaspire-test/rabbitmq";
    public const string RabbitMQTag = "3.10";

    public const string Password = "BenchPassword123";
}

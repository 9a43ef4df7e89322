namespace AirflowAspire.Hosting.Compose.Tests.TestSupport;

/// <summary>The Airflow models the tests publish: Postgres named <c>postgres</c>, brokers named <c>redis</c> and <c>rabbitmq</c>.</summary>
public static class AirflowTestModels
{
    public static IResourceBuilder<AirflowResource> AddAirflowWithDatabase(this IDistributedApplicationBuilder builder, string? version = null)
    {
        var database = builder.AddPostgres("postgres").WithDataVolume().AddDatabase("airflow-db", databaseName: "airflow");
        var airflow = builder.AddAirflow("airflow", apiServerPort: 8080).WithDatabase(database);
        return version is null ? airflow : airflow.WithVersion(version);
    }

    public static IResourceBuilder<AirflowResource> WithRedisCelery(this IResourceBuilder<AirflowResource> airflow) =>
        airflow.WithCeleryExecutor(airflow.ApplicationBuilder.AddRedis("redis").WithDataVolume());

    public static IResourceBuilder<AirflowResource> WithRabbitCelery(this IResourceBuilder<AirflowResource> airflow) =>
        airflow.WithCeleryExecutor(airflow.ApplicationBuilder.AddRabbitMQ("rabbitmq").WithDataVolume());
}

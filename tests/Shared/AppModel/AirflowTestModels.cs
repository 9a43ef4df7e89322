using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace AirflowAspire.TestSupport;

/// <summary>
/// Small Airflow models for tests: Postgres <c>postgres</c> with the database <c>airflow-db</c> always, a Celery
/// broker (<c>redis</c> or <c>rabbitmq</c>) and the rest as each test asks.
/// </summary>
public static class AirflowTestModels
{
    /// <inheritdoc cref="AddAirflowWithDatabase(IDistributedApplicationBuilder, string?, bool, int?)"/>
    public static IResourceBuilder<AirflowResource> AddAirflowWithDatabase(this TestApp test, string? version = null, bool postgresVolume = false) =>
        test.Builder.AddAirflowWithDatabase(version, postgresVolume);

    /// <param name="postgresVolume">Whether Postgres keeps its data in a volume.</param>
    /// <param name="apiServerPort">The UI's fixed host port, or none.</param>
    public static IResourceBuilder<AirflowResource> AddAirflowWithDatabase(
        this IDistributedApplicationBuilder builder, string? version = null, bool postgresVolume = false, int? apiServerPort = null)
    {
        var postgres = builder.AddPostgres("postgres");
        var db = (postgresVolume ? postgres.WithDataVolume() : postgres).AddDatabase("airflow-db", databaseName: "airflow");
        var airflow = builder.AddAirflow("airflow", apiServerPort).WithDatabase(db);
        return version is null ? airflow : airflow.WithVersion(version);
    }

    public static IResourceBuilder<AirflowResource> WithRedisCelery(this IResourceBuilder<AirflowResource> airflow, bool dataVolume = false)
    {
        var redis = airflow.ApplicationBuilder.AddRedis("redis");
        return airflow.WithCeleryExecutor(dataVolume ? redis.WithDataVolume() : redis);
    }

    public static IResourceBuilder<AirflowResource> WithRabbitCelery(this IResourceBuilder<AirflowResource> airflow, bool dataVolume = false)
    {
        var rabbit = airflow.ApplicationBuilder.AddRabbitMQ("rabbitmq");
        return airflow.WithCeleryExecutor(dataVolume ? rabbit.WithDataVolume() : rabbit);
    }
}

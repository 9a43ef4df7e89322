namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>Small Airflow models for tests: a database always, the rest as each test asks.</summary>
internal static class AirflowTestModels
{
    public static IResourceBuilder<AirflowResource> AddAirflowWithDatabase(this TestApp test, string? version = null)
    {
        var db = test.Builder.AddPostgres("postgres").AddDatabase("airflow-db", "airflow");
        var airflow = test.Builder.AddAirflow("airflow").WithDatabase(db);
        return version is null ? airflow : airflow.WithVersion(version);
    }

    public static IResourceBuilder<AirflowResource> WithRedisCelery(this IResourceBuilder<AirflowResource> airflow) =>
        airflow.WithCeleryExecutor(airflow.ApplicationBuilder.AddRedis("redis"));

    public static IResourceBuilder<AirflowResource> WithRabbitCelery(this IResourceBuilder<AirflowResource> airflow) =>
        airflow.WithCeleryExecutor(airflow.ApplicationBuilder.AddRabbitMQ("rabbitmq"));
}

using AirflowAspire.Hosting;
using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Integrations.Airflow;

namespace AirflowAspire.DagPackager.Tests.Release;

/// <summary>
/// The model release's tests publish: Airflow with the Celery executor on Postgres and Redis, its AppHost in a folder
/// of the test's (where the model reads <c>dags.lock.json</c> from).
/// </summary>
internal static class CeleryAirflowModel
{
    public static DistributedApplicationModel Build(
        string appHostDirectory, Func<IResourceBuilder<AirflowResource>, IResourceBuilder<AirflowResource>>? configure = null)
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            ApplicationName = "test",
            AppHostDirectory = appHostDirectory,
            Args = [],
        });
        var database = builder.AddPostgres("postgres").AddDatabase("airflow-db", databaseName: "airflow");
        var broker = builder.AddRedis("redis");
        var airflow = builder.AddAirflow("airflow").WithDatabase(database).WithCeleryExecutor(broker);
        configure?.Invoke(airflow);
        return builder.Build().Model;
    }
}

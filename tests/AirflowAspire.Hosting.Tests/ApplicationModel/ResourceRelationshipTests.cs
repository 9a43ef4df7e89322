using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Tests.TestSupport;

namespace AirflowAspire.Hosting.Tests.ApplicationModel;

public sealed class ResourceRelationshipTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void WaitFor_waits_until_healthy_and_WaitForCompletion_until_completed()
    {
        var builder = TestApplication.CreateBuilder(temp.Path);
        var db = builder.AddContainer("db", "postgres");
        var migrate = builder.AddContainer("migrate", "apache/airflow").AsRunOnce();
        var api = builder.AddContainer("api", "apache/airflow").WaitFor(db).WaitForCompletion(migrate);

        builder.Build();

        Assert.Equal(
            [new WaitAnnotation(db.Resource, WaitType.UntilHealthy), new WaitAnnotation(migrate.Resource, WaitType.UntilCompleted)],
            api.Resource.GetWaits());
    }

    [Fact]
    public void A_reference_to_a_connection_string_resource_sets_ConnectionStrings_and_records_the_reference()
    {
        var builder = TestApplication.CreateBuilder(temp.Path);
        var airflowDb = builder.AddTestDatabase("airflow-db", "Host=db;Database=airflow");
        var api = builder.AddContainer("api", "apache/airflow").WithReference(airflowDb);
        var worker = builder.AddContainer("worker", "apache/airflow").WithReference(airflowDb, connectionName: "metadata");

        var app = builder.Build();

        var apiEnv = api.Resource.GetEnvironmentVariables(app.Model.ExecutionContext);
        Assert.Equal("{airflow-db.connectionString}", apiEnv["ConnectionStrings__airflow-db"].ToManifestExpression());
        Assert.Equal([airflowDb.Resource], api.Resource.GetReferences());
        Assert.Contains(
            new ResourceRelationshipAnnotation(airflowDb.Resource, ResourceRelationshipAnnotation.Reference),
            api.Resource.Annotations);
        var workerEnv = worker.Resource.GetEnvironmentVariables(app.Model.ExecutionContext);
        Assert.Equal("{airflow-db.connectionString}", workerEnv["ConnectionStrings__metadata"].ToManifestExpression());
    }
}

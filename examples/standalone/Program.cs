// The smallest deployment that keeps its data: in a cluster, one StatefulSet pod holds Postgres and every
// Airflow component, the database on a persistent volume and the DAGs baked into the image.
var builder = DistributedApplication.CreateBuilder(args);

var metadataDb = builder.AddPostgres("postgres").AddDatabase("airflow-db", databaseName: "airflow");

builder.AddAirflow("airflow")
    .WithDatabase(metadataDb)
    .WithLocalExecutor()
    .PublishAsStandalonePod()
    .WithDags("../../dags");

builder.AddComposeEnvironment("compose");
builder.AddKustomizeEnvironment("k8s");
builder.UseLocalProcessesWithoutContainerRuntime();

builder.Build().Run();


// CeleryExecutor with Redis as the broker, and RBAC that lets tasks launch pods with KubernetesPodOperator
// (see dags/kpo_etl.py).
var builder = DistributedApplication.CreateBuilder(args);

var metadataDb = builder.AddPostgres("postgres").AddDatabase("airflow-db", databaseName: "airflow");
var broker = builder.AddRedis("redis");

builder.AddAirflow("airflow")
    .WithDatabase(metadataDb)
    .WithCeleryExecutor(broker)
    .WithWorkers(2)
    .WithFlower()
    .WithKubernetesPodOperator()
    .WithDags("../../dags");

builder.AddComposeEnvironment("compose");
builder.AddKustomizeEnvironment("k8s");
builder.UseLocalProcessesWithoutContainerRuntime();

builder.Build().Run();


// CeleryExecutor with Redis as the broker, and RBAC that lets tasks launch pods with KubernetesPodOperator
// (see dags/kpo_etl.py), whose load step names the Airflow connection "warehouse" to a database of its own.
var builder = DistributedApplication.CreateBuilder(args);

var metadataDb = builder.AddPostgres("postgres").AddDatabase("airflow-db", databaseName: "airflow");
var broker = builder.AddRedis("redis");
var warehouse = builder.AddPostgres("warehouse-postgres").AddDatabase("warehouse");

builder.AddAirflow("airflow")
    .WithDatabase(metadataDb)
    .WithCeleryExecutor(broker)
    .WithWorkers(2)
    .WithFlower()
    .WithKubernetesPodOperator()
    .WithConnection("warehouse", warehouse)
    .WithDags("../../dags");

builder.AddComposeEnvironment("compose");
builder.AddKustomizeEnvironment("k8s");
builder.UseLocalProcessesWithoutContainerRuntime();

builder.Build().Run();


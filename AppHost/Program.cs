var builder = DistributedApplication.CreateBuilder(args);

var metadataDb = builder.AddPostgres("postgres").WithDataVolume().AddDatabase("airflow-db", databaseName: "airflow");
var broker = builder.AddRedis("redis");

builder.AddAirflow("airflow", apiServerPort: 8080)
    .WithDatabase(metadataDb)
    .WithCeleryExecutor(broker)
    .WithWorkers(2)
    .WithFlower()
    .WithTriggerer()
    .WithDags("../dags");

builder.AddComposeEnvironment("compose");
builder.AddKustomizeEnvironment("k8s");
builder.UseLocalProcessesWithoutContainerRuntime();

builder.Build().Run();

// CeleryExecutor with RabbitMQ as the broker: three workers, autoscaled between 2 and 6 in a cluster.
var builder = DistributedApplication.CreateBuilder(args);

var metadataDb = builder.AddPostgres("postgres").AddDatabase("airflow-db", databaseName: "airflow");
var broker = builder.AddRabbitMQ("rabbitmq").WithManagementPlugin();

builder.AddAirflow("airflow")
    .WithDatabase(metadataDb)
    .WithCeleryExecutor(broker)
    .WithWorkers(3)
    .WithWorkerAutoscaling(2, 6)
    .WithFlower()
    .WithTriggerer()
    .WithDags("../../dags");

builder.AddComposeEnvironment("compose");
builder.AddKustomizeEnvironment("k8s");
builder.UseLocalProcessesWithoutContainerRuntime();

builder.Build().Run();


using AirflowAspire.Hosting;

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

builder.Build().Run();

/// <summary>Internal, so tests can load every example side by side: top-level Program classes are public otherwise.</summary>
internal partial class Program;

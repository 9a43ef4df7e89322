using AirflowAspire.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

var metadataDb = builder.AddPostgres("postgres").AddDatabase("airflow-db", databaseName: "airflow");
var broker = builder.AddRedis("redis");

builder.AddAirflow("airflow", apiServerPort: 8080)
    .WithDatabase(metadataDb)
    .WithCeleryExecutor(broker)
    .WithWorkers(2)
    .WithFlower()
    .WithTriggerer()
    .WithDags("../dags");

builder.Build().Run();

/// <summary>Lets tests name this AppHost: <c>DistributedApplicationTestingBuilder.CreateAsync&lt;Program&gt;()</c>.</summary>
public partial class Program;

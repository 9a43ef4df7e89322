using AirflowAspire.Hosting;
using AirflowAspire.Hosting.Integrations.Airflow;

// KubernetesExecutor: every task runs in a pod of its own; no Celery, no broker.
var builder = DistributedApplication.CreateBuilder(args);

var metadataDb = builder.AddPostgres("postgres").AddDatabase("airflow-db", databaseName: "airflow");

builder.AddAirflow("airflow")
    .WithDatabase(metadataDb)
    .WithKubernetesExecutor()
    .WithTriggerer()
    .WithDagDelivery(AirflowDagDelivery.Volume("5Gi"))
    .WithLogsVolume("10Gi")
    .WithLoadBalancer()
    .WithDags("../../dags");

builder.Build().Run();

/// <summary>Internal, so tests can load every example side by side: top-level Program classes are public otherwise.</summary>
internal partial class Program;

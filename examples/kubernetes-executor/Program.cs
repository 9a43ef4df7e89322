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

builder.AddComposeEnvironment("compose");
builder.AddKustomizeEnvironment("k8s");
builder.UseLocalProcessesWithoutContainerRuntime();

builder.Build().Run();


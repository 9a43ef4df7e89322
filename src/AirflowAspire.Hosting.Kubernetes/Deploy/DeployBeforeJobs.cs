using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>What a template gets to act on before deploy's Jobs stage: the cluster, the report, the switches, the objects about to be applied (fitted to the server), where they go, and the model.</summary>
internal sealed record DeployBeforeJobs(
    ClusterApi Api, DeployReport Report, DeploySwitches Switches, IReadOnlyList<JsonObject> Objects, DeployTarget Target, DistributedApplicationModel Model);

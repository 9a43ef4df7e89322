using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// What a template gets to restore its data in a rollback: the cluster, the report, the switches, the point
/// (the saved objects and the snapshots), the objects of the release being rolled back as they live now (stripped),
/// where they are, and the model.
/// </summary>
internal sealed record DeployRestore(
    ClusterApi Api, DeployReport Report, DeploySwitches Switches, RollbackPoint Point, IReadOnlyList<JsonObject> Live, DeployTarget Target,
    DistributedApplicationModel Model);

using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// The claim snapshots go into: as large as the Postgres server's data claim (a dump is smaller than the data it
/// dumps), in its storage class, with this deployment's labels. Never in the inventory, so no deploy prunes it.
/// </summary>
internal static class SnapshotClaim
{
    public const string DefaultSize = "1Gi";

    public static JsonObject Build(string name, JsonObject server, DeployTarget target)
    {
        var data = server["spec"]?["volumeClaimTemplates"]?[0]?["spec"];
        var spec = new JsonObject
        {
            ["accessModes"] = new JsonArray("ReadWriteOnce"),
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = (string?)data?["resources"]?["requests"]?["storage"] ?? DefaultSize } },
        };
        if ((string?)data?["storageClassName"] is { } storageClass)
        {
            spec["storageClassName"] = storageClass;
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "PersistentVolumeClaim",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = target.Namespace,
                ["labels"] = Labels(target, name),
            },
            ["spec"] = spec,
        };
    }

    public static JsonObject Labels(DeployTarget target, string name)
    {
        var labels = new JsonObject(target.Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)JsonValue.Create(l.Value))));
        labels[KubernetesContext.NameLabel] = name;
        return labels;
    }
}

using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// The record of what a deploy made, kept in the cluster as a ConfigMap beside the objects
/// (<c>{prefix}airflowaspire-inventory</c>): one line per object. The next deploy deletes what the record lists and
/// the model no longer has; destroy deletes what it lists. Objects it does not list are never touched.
/// </summary>
internal sealed record DeployInventory(IReadOnlyList<ObjectKey> Objects)
{
    public static string Name(string namePrefix) => $"{namePrefix}airflowaspire-inventory";

    public static ObjectKey Key(string @namespace, string namePrefix) => new("v1", "ConfigMap", @namespace, Name(namePrefix));

    public static async Task<DeployInventory?> ReadAsync(ClusterApi api, string @namespace, string namePrefix, CancellationToken cancellationToken)
    {
        var live = await api.GetAsync(Key(@namespace, namePrefix), cancellationToken);
        if (live?["data"] is not JsonObject data)
        {
            return null;
        }

        var objects = ((string?)data["objects"] ?? string.Empty)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length == 4)
            .Select(parts => new ObjectKey(parts[0], parts[1], parts[2] == "-" ? null : parts[2], parts[3]))
            .ToList();
        return new DeployInventory(objects);
    }

    public JsonObject ToConfigMap(string @namespace, string namePrefix, IReadOnlyDictionary<string, string> labels) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject
        {
            ["name"] = Name(namePrefix),
            ["namespace"] = @namespace,
            ["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)JsonValue.Create(l.Value)))),
        },
        ["data"] = new JsonObject
        {
            ["objects"] = string.Concat(Objects.Select(o => $"{o.ApiVersion} {o.Kind} {o.Namespace ?? "-"} {o.Name}\n")),
        },
    };
}

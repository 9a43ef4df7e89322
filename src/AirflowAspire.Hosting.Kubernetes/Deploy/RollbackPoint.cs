using System.Text;
using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// What a rollback restores: the objects of the release a deploy replaced, as they lived in the cluster
/// (<see cref="SavedObjects"/>), that release's inventory, and the database snapshots that deploy took before it
/// migrated anything. Kept in a Secret of this deployment's (<c>{prefix}airflowaspire-rollback</c>; a Secret because the
/// objects include Secrets), which the inventory names but does not list, so no prune deletes it; a rollback consumes
/// it, destroy deletes it.
/// </summary>
/// <param name="Objects">Every object the replaced release's inventory listed but the namespace, stripped.</param>
/// <param name="Inventory">The replaced release's inventory, which a rollback writes back.</param>
/// <param name="Snapshots">The dumps taken by the deploy that replaced it, one per database.</param>
internal sealed record RollbackPoint(IReadOnlyList<JsonObject> Objects, IReadOnlyList<ObjectKey> Inventory, IReadOnlyList<DatabaseSnapshot> Snapshots)
{
    public static string Name(string namePrefix) => $"{namePrefix}airflowaspire-rollback";

    public static ObjectKey Key(string @namespace, string namePrefix) => new("v1", "Secret", @namespace, Name(namePrefix));

    /// <summary>The objects <paramref name="inventory"/> lists, read back from the cluster: those still there and this deployment's.</summary>
    public static async Task<IReadOnlyList<JsonObject>> CaptureAsync(ClusterApi api, IEnumerable<ObjectKey> inventory, string instance, CancellationToken cancellationToken)
    {
        var saved = new List<JsonObject>();
        foreach (var key in inventory.Where(k => k.Kind != "Namespace"))
        {
            if (await api.GetAsync(key, cancellationToken) is { } live && DeploymentOwnership.IsOurs(live, instance))
            {
                saved.Add(SavedObjects.Strip(live));
            }
        }

        return saved;
    }

    /// <summary>The point kept in the cluster, or null when none is there or the Secret of its name is not this deployment's.</summary>
    public static async Task<RollbackPoint?> ReadAsync(ClusterApi api, DeployTarget target, CancellationToken cancellationToken)
    {
        var key = Key(target.Namespace, target.NamePrefix);
        if (await api.GetAsync(key, cancellationToken) is not { } live || !DeploymentOwnership.IsOurs(live, target.Instance))
        {
            return null;
        }

        return FromSecret(live, target.Namespace);
    }

    public static RollbackPoint FromSecret(JsonObject secret, string @namespace)
    {
        var data = secret["data"] as JsonObject;
        var holder = $"Secret/{secret["metadata"]?["name"]}";
        var inventory = DeployInventory.Parse(Text(data, "inventory"), @namespace);
        return new RollbackPoint(
            SavedObjects.Decode((string?)data?["objects"] ?? string.Empty, holder),
            inventory.Objects,
            DatabaseSnapshot.ParseAll(Text(data, "snapshots")));
    }

    public JsonObject ToSecret(DeployTarget target) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject
        {
            ["name"] = Name(target.NamePrefix),
            ["namespace"] = target.Namespace,
            ["labels"] = new JsonObject(target.Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)JsonValue.Create(l.Value)))),
        },
        ["type"] = "Opaque",
        ["data"] = new JsonObject
        {
            ["objects"] = SavedObjects.Encode(Objects),
            ["inventory"] = Base64(new DeployInventory(Inventory).ObjectLines()),
            ["snapshots"] = Base64(string.Concat(Snapshots.Select(s => s.ToLine() + "\n"))),
        },
    };

    /// <summary>The inventory's note of this point: its Secret, then the dumps that go with its objects.</summary>
    public string Record(string namePrefix) => string.Join(" ", Snapshots.Select(s => s.File).Prepend(Name(namePrefix)));

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string Text(JsonObject? data, string key)
    {
        try
        {
            return (string?)data?[key] is { } value ? Encoding.UTF8.GetString(Convert.FromBase64String(value)) : string.Empty;
        }
        catch (FormatException)
        {
            return string.Empty;
        }
    }
}

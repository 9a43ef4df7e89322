using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// The record of what a deploy made, kept in the cluster as a ConfigMap beside the objects
/// (<c>{prefix}airflowaspire-inventory</c>): one line per object, <c>apiVersion kind namespace name</c> (<c>-</c> for no
/// namespace). The next deploy deletes what the record lists and the model no longer has; destroy deletes what it
/// lists. Objects it does not list are never touched. Anyone who may edit ConfigMaps in the namespace may edit the
/// record, so a line is trusted only as far as it names an object deploy can have made there: a kind deploy
/// applies, in the target namespace (the namespace itself being the one cluster-scoped object), with a valid
/// name. Other lines are kept apart as <see cref="Invalid"/>, to be reported and never acted on. The record also
/// lists the database snapshots deploy took before a version change (<see cref="DatabaseSnapshot"/>).
/// </summary>
internal sealed partial record DeployInventory(IReadOnlyList<ObjectKey> Objects)
{
    /// <summary>Lines of the record that name no object deploy can have made, each with why.</summary>
    public IReadOnlyList<InvalidLine> Invalid { get; init; } = [];

    /// <summary>The snapshots deploy took and keeps, oldest first.</summary>
    public IReadOnlyList<DatabaseSnapshot> Snapshots { get; init; } = [];

    /// <summary>
    /// The rollback point the last release change left (<see cref="RollbackPoint.Record"/>: its Secret and the dumps that
    /// go with it), or null when there is none to roll back to.
    /// </summary>
    public string? Rollback { get; init; }

    public static string Name(string namePrefix) => $"{namePrefix}airflowaspire-inventory";

    public static ObjectKey Key(string @namespace, string namePrefix) => new("v1", "ConfigMap", @namespace, Name(namePrefix));

    public static async Task<DeployInventory?> ReadAsync(ClusterApi api, string @namespace, string namePrefix, CancellationToken cancellationToken)
    {
        var live = await api.GetAsync(Key(@namespace, namePrefix), cancellationToken);
        return live?["data"] is JsonObject data
            ? Parse((string?)data["objects"] ?? string.Empty, @namespace) with
            {
                Snapshots = DatabaseSnapshot.ParseAll((string?)data["snapshots"] ?? string.Empty),
                Rollback = ((string?)data["rollback"])?.Trim() is { Length: > 0 } rollback ? rollback : null,
            }
            : null;
    }

    /// <summary>The record's text, each line checked against the namespace it was read from.</summary>
    public static DeployInventory Parse(string text, string @namespace)
    {
        var objects = new List<ObjectKey>();
        var invalid = new List<InvalidLine>();
        foreach (var line in text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0))
        {
            if (Problem(line, @namespace, out var key) is { } problem)
            {
                invalid.Add(new InvalidLine(line, problem));
            }
            else
            {
                objects.Add(key!);
            }
        }

        return new DeployInventory(objects) { Invalid = invalid };
    }

    /// <summary>What a user reads of the lines left out, and that they were left alone.</summary>
    public string DescribeInvalid(string namePrefix) =>
        $"The inventory ConfigMap/{Name(namePrefix)} lists {Invalid.Count} line(s) naming no object this deployment can have made, " +
        "so nothing they name was touched (someone may have edited it): " +
        string.Join("; ", Invalid.Select(i => $"'{i.Line}' ({i.Reason})"));

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
        ["data"] = Data(),
    };

    private JsonObject Data()
    {
        var data = new JsonObject { ["objects"] = ObjectLines() };
        if (Snapshots.Count > 0)
        {
            data["snapshots"] = string.Concat(Snapshots.Select(s => s.ToLine() + "\n"));
        }

        if (Rollback is not null)
        {
            data["rollback"] = Rollback;
        }

        return data;
    }

    /// <summary>The record's object lines, as <see cref="Parse"/> reads them.</summary>
    public string ObjectLines() => string.Concat(Objects.Select(o => $"{o.ApiVersion} {o.Kind} {o.Namespace ?? "-"} {o.Name}\n"));

    private static string? Problem(string line, string @namespace, out ObjectKey? key)
    {
        key = null;
        var parts = line.Split(' ');
        if (parts.Length != 4)
        {
            return "not the four fields apiVersion, kind, namespace and name";
        }

        var (apiVersion, kind, objectNamespace, name) = (parts[0], parts[1], parts[2], parts[3]);
        if (!ApiVersionPattern().IsMatch(apiVersion))
        {
            return $"'{apiVersion}' is no API version";
        }

        if (!ClusterKinds.IsKnown(kind))
        {
            return $"deploy makes no {kind}";
        }

        if (name.Length > 253 || !NamePattern().IsMatch(name))
        {
            return $"'{name}' is no object name";
        }

        if (ClusterKinds.IsClusterScoped(kind))
        {
            // The only cluster-scoped object deploy makes is the namespace it deploys to.
            if (kind != "Namespace" || objectNamespace != "-" || name != @namespace)
            {
                return $"a cluster-scoped {kind} other than the namespace '{@namespace}' itself";
            }

            key = new ObjectKey(apiVersion, kind, null, name);
            return null;
        }

        if (objectNamespace != @namespace)
        {
            return $"in namespace '{objectNamespace}', not '{@namespace}'";
        }

        key = new ObjectKey(apiVersion, kind, objectNamespace, name);
        return null;
    }

    [GeneratedRegex("^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?v[0-9]+((alpha|beta)[0-9]+)?$")]
    private static partial Regex ApiVersionPattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")]
    private static partial Regex NamePattern();

    /// <param name="Line">As the record holds it.</param>
    /// <param name="Reason">Why it names no object deploy can have made.</param>
    public sealed record InvalidLine(string Line, string Reason);
}

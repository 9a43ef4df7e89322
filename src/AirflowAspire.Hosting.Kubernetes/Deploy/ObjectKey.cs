using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>Which object: its API version, kind, namespace (null for cluster-scoped kinds) and name.</summary>
internal sealed record ObjectKey(string ApiVersion, string Kind, string? Namespace, string Name)
{
    public string Group => ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : string.Empty;

    public string Version => ApiVersion.Contains('/') ? ApiVersion[(ApiVersion.IndexOf('/') + 1)..] : ApiVersion;

    public static ObjectKey Of(JsonObject item)
    {
        var metadata = item["metadata"] as JsonObject;
        return new(
            (string?)item["apiVersion"] ?? throw new InvalidOperationException("An object has no apiVersion."),
            (string?)item["kind"] ?? throw new InvalidOperationException("An object has no kind."),
            (string?)metadata?["namespace"],
            (string?)metadata?["name"] ?? throw new InvalidOperationException("An object has no name."));
    }

    /// <summary>As a user reads it: <c>StatefulSet/postgres</c>.</summary>
    public override string ToString() => $"{Kind}/{Name}";

    /// <summary>The same object whatever API version addresses it.</summary>
    public bool SameObject(ObjectKey other) =>
        Kind == other.Kind && Group == other.Group && Namespace == other.Namespace && Name == other.Name;
}

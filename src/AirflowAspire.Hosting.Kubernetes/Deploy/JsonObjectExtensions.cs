using System.Text.Json.Nodes;
using k8s;

namespace AirflowAspire.Hosting.Kubernetes;

internal static class JsonObjectExtensions
{
    /// <summary>The object under <paramref name="name"/>, made empty first when there is none.</summary>
    public static JsonObject Object(this JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    /// <summary>The object read as a KubernetesClient model, with the client's own JSON settings.</summary>
    public static T Deserialize<T>(this JsonObject item) => KubernetesJson.Deserialize<T>(item.ToJsonString());
}

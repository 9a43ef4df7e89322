using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// A namespace that deploy created carries an annotation naming the deployment (its instance label), kept on
/// every later apply. Destroy with <c>--delete-data</c> deletes only such a namespace, even after an earlier
/// destroy removed the inventory; a namespace the user made is never deleted.
/// </summary>
internal static class NamespaceOwnership
{
    public const string CreatedForAnnotation = "airflowaspire.io/created-for";

    public static void Mark(JsonObject namespaceObject, DeployTarget target) =>
        namespaceObject.Object("metadata").Object("annotations")[CreatedForAnnotation] = target.Instance;

    public static async Task<bool> IsOwnedAsync(ClusterApi api, DeployTarget target, CancellationToken cancellationToken) =>
        await IsOwnedAsync(api, target.Namespace, target.Instance, cancellationToken);

    public static async Task<bool> IsOwnedAsync(ClusterApi api, string @namespace, string instance, CancellationToken cancellationToken)
    {
        var live = await api.GetAsync(new ObjectKey("v1", "Namespace", null, @namespace), cancellationToken);
        return (string?)live?["metadata"]?["annotations"]?[CreatedForAnnotation] == instance;
    }
}

using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// How to reach the web UI a template names (<see cref="IKubernetesTemplate.Ui"/>) once deployed: the Ingress's host
/// when there is one, the LoadBalancer's address when the server has one, otherwise the <c>kubectl port-forward</c>
/// line for its Service.
/// </summary>
internal static class UiAccess
{
    public static async Task<string?> DescribeAsync(ClusterApi api, IReadOnlyList<JsonObject> objects, CancellationToken cancellationToken)
    {
        foreach (var ui in KubernetesTemplates.Create().Select(t => t.Ui).OfType<KubernetesUi>())
        {
            if (await DescribeAsync(api, objects, ui, cancellationToken) is { } description)
            {
                return description;
            }
        }

        return null;
    }

    private static async Task<string?> DescribeAsync(ClusterApi api, IReadOnlyList<JsonObject> objects, KubernetesUi ui, CancellationToken cancellationToken)
    {
        if (objects.FirstOrDefault(o => (string?)o["kind"] == "Ingress" && IsFor(o, ui)) is { } ingress
            && ingress["spec"]?["rules"]?[0]?["host"]?.GetValue<string>() is { } host)
        {
            var scheme = ingress["spec"]?["tls"] is JsonArray { Count: > 0 } ? "https" : "http";
            return $"{ui.Title}: {scheme}://{host}/ (through Ingress/{ingress["metadata"]?["name"]})";
        }

        var service = objects.FirstOrDefault(o => (string?)o["kind"] == "Service" && IsFor(o, ui));
        if (service is null)
        {
            return null;
        }

        var key = ObjectKey.Of(service);
        var port = (int?)service["spec"]?["ports"]?[0]?["port"] ?? 8080;
        if ((string?)service["spec"]?["type"] == "LoadBalancer")
        {
            var live = await api.GetAsync(key, cancellationToken);
            var address = live?["status"]?["loadBalancer"]?["ingress"]?[0] is JsonObject entry
                ? (string?)entry["hostname"] ?? (string?)entry["ip"]
                : null;
            if (address is not null)
            {
                return $"{ui.Title}: http://{address}:{port}/ (Service/{key.Name}, a LoadBalancer)";
            }
        }

        return $"{ui.Title}: run `kubectl -n {key.Namespace} port-forward service/{key.Name} 8080:{port}`, then open http://localhost:8080/";
    }

    private static bool IsFor(JsonObject item, KubernetesUi ui) =>
        ui.Components.Contains((string?)item["metadata"]?["labels"]?[KubernetesContext.ComponentLabel]);
}

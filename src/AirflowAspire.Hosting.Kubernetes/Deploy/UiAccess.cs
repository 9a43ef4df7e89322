using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// How to reach the Airflow UI once deployed: the Ingress's host when there is one, the LoadBalancer's address
/// when the server has one, otherwise the <c>kubectl port-forward</c> line for the API server's (or webserver's) Service.
/// </summary>
internal static class UiAccess
{
    private static readonly string[] UiComponents = ["api-server", "webserver"];

    public static async Task<string?> DescribeAsync(ClusterApi api, IReadOnlyList<JsonObject> objects, CancellationToken cancellationToken)
    {
        if (objects.FirstOrDefault(o => (string?)o["kind"] == "Ingress") is { } ingress
            && ingress["spec"]?["rules"]?[0]?["host"]?.GetValue<string>() is { } host)
        {
            var scheme = ingress["spec"]?["tls"] is JsonArray { Count: > 0 } ? "https" : "http";
            return $"The Airflow UI: {scheme}://{host}/ (through Ingress/{ingress["metadata"]?["name"]})";
        }

        var service = objects.FirstOrDefault(o => (string?)o["kind"] == "Service"
            && UiComponents.Contains((string?)o["metadata"]?["labels"]?[KubernetesContext.ComponentLabel]));
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
                return $"The Airflow UI: http://{address}:{port}/ (Service/{key.Name}, a LoadBalancer)";
            }
        }

        return $"The Airflow UI: run `kubectl -n {key.Namespace} port-forward service/{key.Name} 8080:{port}`, then open http://localhost:8080/";
    }
}

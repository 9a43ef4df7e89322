using System.Collections.Concurrent;
using System.Net;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// The REST name (plural) and scope of each kind, as the API server's discovery lists them for a group version
/// (<c>/api/v1</c>, <c>/apis/{group}/{version}</c>): read once per group version, when an object of it is first addressed.
/// </summary>
internal sealed class ApiResources(k8s.Kubernetes client)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<V1APIResourceList>>> lists = new(StringComparer.Ordinal);

    public async Task<(string Plural, bool Namespaced)> OfAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var read = lists.GetOrAdd(key.ApiVersion, _ => new(() => ReadAsync(key, cancellationToken)));
        V1APIResourceList list;
        try
        {
            list = await read.Value;
        }
        catch
        {
            // Asked again next time: the server may answer then, and another caller's token may not be cancelled.
            lists.TryRemove(KeyValuePair.Create(key.ApiVersion, read));
            throw;
        }

        return list.Resources.FirstOrDefault(r => r.Kind == key.Kind && !r.Name.Contains('/', StringComparison.Ordinal)) is { } resource
            ? (resource.Name, resource.Namespaced)
            : throw NotServed(key, new KeyNotFoundException($"{key.ApiVersion} lists no {key.Kind}"));
    }

    private async Task<V1APIResourceList> ReadAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var path = key.Group.Length == 0 ? $"api/{key.Version}" : $"apis/{key.Group}/{key.Version}";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(client.BaseUri.ToString().TrimEnd('/') + "/"), path));
        if (client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken);
        }

        try
        {
            using var response = await client.HttpClient.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var failure = new HttpRequestException(body, null, response.StatusCode);
                throw response.StatusCode == HttpStatusCode.NotFound
                    ? NotServed(key, failure)
                    : new ClusterApiException(key, "address", response.StatusCode, $"the API server did not list the kinds of {key.ApiVersion} ({(int)response.StatusCode} {response.StatusCode})", failure);
            }

            return k8s.KubernetesJson.Deserialize<V1APIResourceList>(body);
        }
        catch (HttpRequestException e)
        {
            throw new ClusterApiException(key, "address", null, $"the API server cannot be reached ({e.Message})", e);
        }
    }

    /// <summary>Reads as the server's own 404 for an object of a kind it does not serve: there is no such object.</summary>
    private static ClusterApiException NotServed(ObjectKey key, Exception inner) =>
        new(key, "address", HttpStatusCode.NotFound, $"the API server serves no {key.Kind} in {key.ApiVersion}", inner);
}

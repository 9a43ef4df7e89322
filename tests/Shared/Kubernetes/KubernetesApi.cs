using System.Net;
using k8s.Autorest;

namespace AirflowAspire.TestSupport.Kubernetes;

internal static class KubernetesApi
{
    /// <summary>The object <paramref name="read"/> reads, or null when the API server says it does not exist.</summary>
    public static async Task<T?> FindAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}

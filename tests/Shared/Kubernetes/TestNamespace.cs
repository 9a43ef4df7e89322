using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AirflowAspire.TestSupport.Kubernetes;

/// <summary>
/// A namespace of its own for one test, uniquely named and labelled <c>airflowaspire-test</c>. Disposing it
/// deletes it and waits until it is gone, with everything in it, so a test leaves nothing in the cluster
/// (nor, on the local test cluster, its pods' exited containers in the docker engine).
/// </summary>
internal sealed class TestNamespace : IAsyncDisposable
{
    public const string Label = "airflowaspire-test";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan GoneTimeout = TimeSpan.FromSeconds(180);

    private readonly IKubernetes _client;

    private TestNamespace(IKubernetes client, string name)
    {
        _client = client;
        Name = name;
    }

    public string Name { get; }

    /// <summary>
    /// Creates the namespace and waits until pods can be made in it: its default ServiceAccount exists with its token
    /// (on 1.20 the admission of a bare pod fails with "No API token found for service account" until the token
    /// controller has made it; workloads' controllers retry, a test's direct pod would not).
    /// </summary>
    public static async Task<TestNamespace> CreateAsync(IKubernetes client, string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace
        {
            Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { [Label] = "true" } },
        });
        var created = new TestNamespace(client, name);
        try
        {
            await Poll.UntilAsync($"the default ServiceAccount of namespace {name}", ReadyTimeout,
                async () => (await KubernetesApi.FindAsync(() => client.CoreV1.ReadNamespacedServiceAccountAsync("default", name)))
                    is { Secrets.Count: > 0 } account ? account : null,
                () => Task.FromResult("The controller-manager makes it; is it running?"));
            return created;
        }
        catch
        {
            await created.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _client.CoreV1.DeleteNamespaceAsync(Name);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }

        await Poll.UntilAsync($"namespace {Name} deleted", GoneTimeout,
            async () => await KubernetesApi.FindAsync(() => _client.CoreV1.ReadNamespaceAsync(Name)) is null ? "gone" : null,
            async () => $"It is {(await KubernetesApi.FindAsync(() => _client.CoreV1.ReadNamespaceAsync(Name)))?.Status?.Phase ?? "gone"}.");
        await DockershimContainers.RemoveAsync(Name);
    }
}

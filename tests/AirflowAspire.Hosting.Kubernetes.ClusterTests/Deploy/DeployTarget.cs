using System.Text.Json.Nodes;
using k8s;

namespace AirflowAspire.Hosting.Kubernetes.ClusterTests.Deploy;

/// <summary>
/// A namespace on the test cluster that a deploy creates (it does not exist before), and what the tests read
/// back from it. Disposing deletes it and waits until it is gone, whatever the test left there.
/// </summary>
internal sealed class DeployTarget : IAsyncDisposable
{
    private readonly TestCluster cluster;

    private DeployTarget(TestCluster cluster, string @namespace)
    {
        this.cluster = cluster;
        Namespace = @namespace;
        Api = new ClusterApi(cluster.Client, cluster.Configuration.Host);
    }

    public string Namespace { get; }

    public ClusterApi Api { get; }

    public IKubernetes Client => cluster.Client;

    public TestCluster Cluster => cluster;

    public string Kubeconfig => cluster.Kubeconfig;

    public static async Task<DeployTarget> CreateAsync(string prefix) =>
        new(await TestCluster.RequireAsync(), $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)]);

    /// <summary>A namespace of a fixed name, for a model that names its own (the KubernetesExecutor's task namespace); emptied first.</summary>
    public static async Task<DeployTarget> CreateNamedAsync(string @namespace)
    {
        var target = new DeployTarget(await TestCluster.RequireAsync(), @namespace);
        await target.DeleteNamespaceAsync();
        return target;
    }

    /// <summary>The switches every deploy of a test gets: this cluster, this namespace, a bounded wait.</summary>
    public string[] Switches(TimeSpan? timeout = null) =>
        ["--kubeconfig", Kubeconfig, "--namespace", Namespace, "--deploy-timeout", $"{(int)(timeout ?? TimeSpan.FromMinutes(3)).TotalSeconds}"];

    public async Task<bool> NamespaceExistsAsync() =>
        await Api.GetAsync(new ObjectKey("v1", "Namespace", null, Namespace), CancellationToken.None) is not null;

    /// <summary>What the deploy recorded, as the server holds it: each object with its resourceVersion.</summary>
    public async Task<IReadOnlyDictionary<string, string>> RecordedVersionsAsync()
    {
        var inventory = await DeployInventory.ReadAsync(Api, Namespace, string.Empty, CancellationToken.None)
            ?? throw new InvalidOperationException($"No deploy is recorded in namespace {Namespace}.");
        var versions = new Dictionary<string, string>();
        foreach (var key in inventory.Objects)
        {
            var live = await Api.GetAsync(key, CancellationToken.None);
            versions[$"{key.ApiVersion} {key}"] = (string?)live?["metadata"]?["resourceVersion"] ?? "missing";
        }

        return versions;
    }

    /// <summary>
    /// Asserts what a user sees of a deploy that went all the way: exit 0, its note that every workload is ready, and
    /// no container of any pod in the namespace restarted on the way.
    /// </summary>
    public async Task AssertReadyWithoutRestartsAsync(ProcessResult deployed)
    {
        var printed = deployed.StandardOutput + deployed.StandardError;
        Assert.True(deployed.ExitCode == 0, $"The deploy must end with every workload ready.\n{printed}");
        Assert.Contains("every workload is ready", deployed.StandardOutput, StringComparison.Ordinal);
        var pods = await Client.CoreV1.ListNamespacedPodAsync(Namespace);
        var restarted = pods.Items
            .SelectMany(p => (p.Status.ContainerStatuses ?? []).Select(c => (Pod: p.Metadata.Name, c.Name, c.RestartCount)))
            .Where(c => c.RestartCount > 0)
            .ToList();
        Assert.True(restarted.Count == 0, $"Restarted: {string.Join(", ", restarted.Select(r => $"{r.Pod}/{r.Name} {r.RestartCount}x"))}\n{printed}");
    }

    /// <summary>What a container of a pod in the namespace has written so far.</summary>
    public async Task<string> LogAsync(string pod, string container)
    {
        await using var stream = await Client.CoreV1.ReadNamespacedPodLogAsync(pod, Namespace, container: container);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    public Task<JsonObject?> GetAsync(string apiVersion, string kind, string name) =>
        Api.GetAsync(new ObjectKey(apiVersion, kind, kind == "Namespace" ? null : Namespace, name), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await DeleteNamespaceAsync();
        cluster.Dispose();
    }

    /// <summary>Deletes the namespace, its pods at once (a test has no use for their grace periods), and waits until it is gone.</summary>
    private async Task DeleteNamespaceAsync()
    {
        var ns = new ObjectKey("v1", "Namespace", null, Namespace);
        if (!await Api.DeleteAsync(ns, CancellationToken.None))
        {
            return;
        }

        await Client.CoreV1.DeleteCollectionNamespacedPodAsync(Namespace, gracePeriodSeconds: 0);
        await Poll.UntilAsync($"namespace {Namespace} deleted", TimeSpan.FromMinutes(5),
            async () => await Api.GetAsync(ns, CancellationToken.None) is null ? "gone" : null,
            () => Task.FromResult("It is still terminating."));
        await DockershimContainers.RemoveAsync(Namespace);
    }
}

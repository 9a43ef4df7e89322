using System.Text;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.ClusterTests;

/// <summary>
/// The test cluster that eng/test-cluster starts keeps the machine's other users out: etcd and the kubelet take
/// no caller without the cluster's credentials, and a claim's folder belongs to its pod's user, out of their reach.
/// </summary>
public sealed partial class TestClusterAccessTests
{
    private const string LocalNodeName = "airflowaspire-test-node";
    private const string ShellImage = "airflowaspire-test/debian:bookworm";
    private const long PodUser = 999;
    private static readonly TimeSpan PodTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    [SkippableFact]
    public async Task Etcd_and_the_kubelet_answer_no_caller_without_the_clusters_credentials()
    {
        using var cluster = await TestCluster.RequireAsync();
        var node = await RequireLocalTestNodeAsync(cluster.Client);
        var etcd = $"127.0.0.1:{EtcdPort()}";
        var nodeIp = node.Status.Addresses.Single(a => a.Type == "InternalIP").Address;
        var kubelet = $"{nodeIp}:{node.Status.DaemonEndpoints.KubeletEndpoint.Port}";

        // A range over every key of etcd is the whole cluster, its Secrets included.
        const string EveryKey = """{"key":"AA==","range_end":"AA==","keys_only":true}""";
        // etcd serves TLS only, and completes no handshake without a client certificate of its CA.
        Assert.Equal("no answer", await AnswerAsync(HttpMethod.Post, $"http://{etcd}/v3/kv/range", EveryKey));
        Assert.Equal("no answer", await AnswerAsync(HttpMethod.Post, $"https://{etcd}/v3/kv/range", EveryKey));
        Assert.Equal("401 Unauthorized", await AnswerAsync(HttpMethod.Get, $"https://{kubelet}/pods", body: null));
        Assert.Equal("401 Unauthorized", await AnswerAsync(HttpMethod.Post, $"https://{kubelet}/run/kube-system/any/any", "cmd=id"));
    }

    [SkippableFact]
    public async Task A_claims_folder_belongs_to_its_pods_user_whom_it_lets_write_and_no_other_local_user_reaches_it()
    {
        using var cluster = await TestCluster.RequireAsync();
        var client = cluster.Client;
        await RequireLocalTestNodeAsync(client);
        await using var ns = await TestNamespace.CreateAsync(client, "volume-owner");

        await client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(new V1PersistentVolumeClaim
        {
            Metadata = new V1ObjectMeta { Name = "data" },
            Spec = new V1PersistentVolumeClaimSpec
            {
                AccessModes = ["ReadWriteOnce"],
                Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("1Mi") } },
            },
        }, ns.Name);
        await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "writer" },
            Spec = new V1PodSpec
            {
                RestartPolicy = "Never",
                TerminationGracePeriodSeconds = 0,
                SecurityContext = new V1PodSecurityContext { RunAsUser = PodUser, FsGroup = PodUser },
                Containers = [new V1Container
                {
                    Name = "writer", Image = ShellImage, ImagePullPolicy = "Never",
                    Command = ["sh", "-c", "echo written > /data/file"],
                    VolumeMounts = [new V1VolumeMount { Name = "data", MountPath = "/data" }],
                }],
                Volumes = [new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = "data" } }],
            },
        }, ns.Name);

        var phase = await Poll.UntilAsync("pod writer to finish", PodTimeout,
            async () => (await client.CoreV1.ReadNamespacedPodAsync("writer", ns.Name)).Status?.Phase is { } p && p is "Succeeded" or "Failed" ? p : null,
            async () => $"Phase {(await client.CoreV1.ReadNamespacedPodAsync("writer", ns.Name)).Status?.Phase}");
        Assert.Equal("Succeeded", phase);

        var claim = await client.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("data", ns.Name);
        var folder = (await client.CoreV1.ReadPersistentVolumeAsync(claim.Spec.VolumeName)).Spec.HostPath.Path;
        Assert.Equal($"{PodUser} {PodUser} 770", await StatAsync(folder));
        Assert.StartsWith($"{PodUser} ", await StatAsync(Path.Combine(folder, "file")));
        Assert.Equal("0 0 700", await StatAsync(Path.GetDirectoryName(folder)!));
    }

    /// <summary>These tests are about the cluster eng/test-cluster starts on this machine; another cluster has its own rules.</summary>
    private static async Task<V1Node> RequireLocalTestNodeAsync(IKubernetes client)
    {
        var node = await KubernetesApi.FindAsync(() => client.CoreV1.ReadNodeAsync(LocalNodeName));
        Skip.If(node is null, $"The test cluster is not the one eng/test-cluster starts here (no node {LocalNodeName}).");
        return node!;
    }

    private static int EtcdPort()
    {
        var common = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "eng", "test-cluster", "common.sh"));
        return int.Parse(EtcdPortSetting().Match(common).Groups[1].Value);
    }

    /// <summary>The status line of an unauthenticated request, or "no answer" when the server refused the connection or its TLS handshake.</summary>
    private static async Task<string> AnswerAsync(HttpMethod method, string url, string? body)
    {
        using var handler = new SocketsHttpHandler();
        // The caller trusts any server: what is tested is whom the server lets in.
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        using var http = new HttpClient(handler) { Timeout = RequestTimeout };
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, body.StartsWith('{') ? "application/json" : "application/x-www-form-urlencoded");
        }

        try
        {
            using var response = await http.SendAsync(request);
            return $"{(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (HttpRequestException)
        {
            return "no answer";
        }
    }

    /// <summary>"uid gid mode" of a path on this machine, the node.</summary>
    private static async Task<string> StatAsync(string path)
    {
        var result = await BoundedProcess.RunAsync("stat", ["-c", "%u %g %a", path], TimeSpan.FromSeconds(10));
        Assert.True(result.ExitCode == 0, result.StandardError);
        return result.StandardOutput.Trim();
    }

    [GeneratedRegex(@"^K8S_ETCD_PORT=(\d+)$", RegexOptions.Multiline)]
    private static partial Regex EtcdPortSetting();
}

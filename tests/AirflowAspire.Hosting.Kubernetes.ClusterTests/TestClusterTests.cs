using System.Net;
using System.Security.Cryptography;
using k8s;
using k8s.Models;
using Npgsql;
using Xunit.Abstractions;

namespace AirflowAspire.Hosting.Kubernetes.ClusterTests;

/// <summary>The test cluster itself: what the deploy tests rely on works, from a test, through KubernetesClient.</summary>
public sealed class TestClusterTests(ITestOutputHelper output)
{
    private const string Image = "airflowaspire-test/postgres:15";
    private const string ShellImage = "airflowaspire-test/debian:bookworm";
    private const string KubernetesServiceIp = "10.96.0.1";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LookupsTimeout = TimeSpan.FromSeconds(90);

    [SkippableFact]
    public async Task A_local_image_runs_as_a_pod_that_becomes_ready_and_answers_through_its_service()
    {
        using var cluster = await TestCluster.RequireAsync();
        var client = cluster.Client;
        await using var ns = await TestNamespace.CreateAsync(client, "cluster-test");
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "postgres" },
            StringData = new Dictionary<string, string> { ["password"] = password },
        }, ns.Name);
        await client.CoreV1.CreateNamespacedPodAsync(PostgresPod(), ns.Name);
        var service = await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "postgres" },
            Spec = new V1ServiceSpec
            {
                Selector = new Dictionary<string, string> { ["app"] = "postgres" },
                Ports = [new V1ServicePort { Port = 5432, TargetPort = 5432 }],
            },
        }, ns.Name);

        output.WriteLine($"created pod and service in {ns.Name}");
        var pod = await Poll.UntilAsync($"pod {ns.Name}/postgres Ready", ReadyTimeout,
            async () => await client.CoreV1.ReadNamespacedPodAsync("postgres", ns.Name) is var p && IsReady(p) ? p : null,
            async () => Describe(await client.CoreV1.ReadNamespacedPodAsync("postgres", ns.Name)));
        Assert.Equal("Running", pod.Status.Phase);
        output.WriteLine($"pod ready on {pod.Spec.NodeName} at {pod.Status.PodIP}");

        // The host does not use the cluster DNS: it reaches a Service by its ClusterIP, which kube-proxy routes to the pod.
        var clusterIp = IPAddress.Parse(service.Spec.ClusterIP);
        var user = await Poll.UntilAsync($"Postgres answering at {clusterIp}:5432", ConnectTimeout,
            () => CurrentUserAsync(clusterIp, password),
            () => Task.FromResult("kube-proxy routes ClusterIPs; is it running?"));
        Assert.Equal("postgres", user);
        output.WriteLine($"Postgres answered at {clusterIp}:5432; deleting namespace {ns.Name}");
    }

    [SkippableFact]
    public async Task Pods_resolve_services_and_stateful_set_pods_by_name_through_the_cluster_dns()
    {
        using var cluster = await TestCluster.RequireAsync();
        var client = cluster.Client;
        await using var ns = await TestNamespace.CreateAsync(client, "cluster-dns");

        var web = await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Selector = Labels("web"), Ports = [new V1ServicePort { Port = 80 }] },
        }, ns.Name);
        await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web", Labels = Labels("web") },
            Spec = SleepingPodSpec(),
        }, ns.Name);
        await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "peers" },
            Spec = new V1ServiceSpec { ClusterIP = "None", Selector = Labels("peer"), Ports = [new V1ServicePort { Port = 80 }] },
        }, ns.Name);
        await client.AppsV1.CreateNamespacedStatefulSetAsync(new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = "peer" },
            Spec = new V1StatefulSetSpec
            {
                ServiceName = "peers",
                Replicas = 2,
                PodManagementPolicy = "Parallel",
                Selector = new V1LabelSelector { MatchLabels = Labels("peer") },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = Labels("peer") }, Spec = SleepingPodSpec() },
            },
        }, ns.Name);

        // The DNS records follow the Endpoints; the client starts once they list every pod.
        await Poll.UntilAsync("the Endpoints of web (1 pod) and peers (2 pods)", ReadyTimeout,
            async () => await ReadyAddressCountAsync(client, ns.Name, "web") == 1 && await ReadyAddressCountAsync(client, ns.Name, "peers") == 2 ? "ready" : null,
            async () => string.Join("; ", (await client.CoreV1.ListNamespacedPodAsync(ns.Name)).Items.Select(p => $"{p.Metadata.Name}: {Describe(p)}")));
        var peerIps = new List<string>();
        foreach (var name in new[] { "peer-0", "peer-1" })
        {
            peerIps.Add((await client.CoreV1.ReadNamespacedPodAsync(name, ns.Name)).Status.PodIP);
        }

        var serviceFqdn = $"web.{ns.Name}.svc.cluster.local";
        var missingFqdn = $"no-such-service.{ns.Name}.svc.cluster.local";
        var lookups = await LookUpInPodAsync(client, ns.Name,
            ["web", serviceFqdn, "peer-1.peers", "peers", "kubernetes.default", missingFqdn]);

        Assert.Equal(web.Spec.ClusterIP, lookups.GetValueOrDefault("web"));
        Assert.Equal(web.Spec.ClusterIP, lookups.GetValueOrDefault(serviceFqdn));
        Assert.Equal(peerIps[1], lookups.GetValueOrDefault("peer-1.peers"));
        Assert.Equal(string.Join(" ", peerIps.Order(StringComparer.Ordinal)), lookups.GetValueOrDefault("peers"));
        Assert.Equal(KubernetesServiceIp, lookups.GetValueOrDefault("kubernetes.default"));
        Assert.Equal("", lookups.GetValueOrDefault(missingFqdn));
        Assert.Equal("connected", lookups.GetValueOrDefault("tcp kubernetes.default:443"));
    }

    private static Dictionary<string, string> Labels(string app) => new() { ["app"] = app };

    private static V1PodSpec SleepingPodSpec() => new()
    {
        // sleep ignores SIGTERM as PID 1: without this the namespace's deletion would wait out the grace period.
        TerminationGracePeriodSeconds = 0,
        Containers = [new V1Container { Name = "sleep", Image = ShellImage, ImagePullPolicy = "Never", Command = ["sleep", "infinity"] }],
    };

    private static async Task<int> ReadyAddressCountAsync(IKubernetes client, string ns, string service) =>
        (await KubernetesApi.FindAsync(() => client.CoreV1.ReadNamespacedEndpointsAsync(service, ns)))?.Subsets?
            .Sum(s => s.Addresses?.Count ?? 0) ?? 0;

    /// <summary>
    /// Each name's IPv4 addresses (sorted, space-separated; empty when it does not resolve) as a pod sees them,
    /// through the resolv.conf the kubelet gives it; and "tcp kubernetes.default:443": whether a TCP connection
    /// to that name opened.
    /// </summary>
    private async Task<Dictionary<string, string>> LookUpInPodAsync(IKubernetes client, string ns, string[] names)
    {
        // Names that should resolve are asked again for a while (the DNS records trail the Endpoints by about
        // a second); the last one, which should not, once.
        const string Script = """
            resolve() { timeout 3 getent ahostsv4 "$1" | awk '$2 == "STREAM" { print $1 }' | sort | tr '\n' ' ' | sed 's/ $//'; }
            deadline=$((SECONDS + 30))
            for name in "${@:1:$# - 1}"; do
                until [ -n "$(resolve "$name")" ] || [ "$SECONDS" -ge "$deadline" ]; do sleep 0.5; done
                echo "$name=$(resolve "$name")"
            done
            echo "${!#}=$(resolve "${!#}")"
            timeout 5 bash -c 'exec 3<>/dev/tcp/kubernetes.default/443' && echo "tcp kubernetes.default:443=connected"
            true
            """;
        await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "client" },
            Spec = new V1PodSpec
            {
                RestartPolicy = "Never",
                TerminationGracePeriodSeconds = 0,
                Containers = [new V1Container { Name = "client", Image = ShellImage, ImagePullPolicy = "Never", Command = ["bash", "-c", Script, "lookups", .. names] }],
            },
        }, ns);
        await Poll.UntilAsync("pod client to finish its lookups", LookupsTimeout,
            async () => (await client.CoreV1.ReadNamespacedPodAsync("client", ns)).Status?.Phase is "Succeeded" or "Failed" ? "done" : null,
            async () => Describe(await client.CoreV1.ReadNamespacedPodAsync("client", ns)));

        await using var stream = await client.CoreV1.ReadNamespacedPodLogAsync("client", ns);
        using var reader = new StreamReader(stream);
        var log = await reader.ReadToEndAsync();
        output.WriteLine(log);
        return log.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1]);
    }

    private static V1Pod PostgresPod() => new()
    {
        Metadata = new V1ObjectMeta { Name = "postgres", Labels = new Dictionary<string, string> { ["app"] = "postgres" } },
        Spec = new V1PodSpec
        {
            TerminationGracePeriodSeconds = 5,
            Containers =
            [
                new V1Container
                {
                    Name = "postgres",
                    Image = Image,
                    // The image is in the local docker engine only; there is no registry to pull it from.
                    ImagePullPolicy = "Never",
                    Env =
                    [
                        new V1EnvVar
                        {
                            Name = "POSTGRES_PASSWORD",
                            ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "postgres", Key = "password" } },
                        },
                    ],
                    Ports = [new V1ContainerPort { ContainerPort = 5432 }],
                    ReadinessProbe = new V1Probe
                    {
                        Exec = new V1ExecAction { Command = ["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres"] },
                        PeriodSeconds = 2,
                    },
                    // An emptyDir over the image's VOLUME, so docker makes no anonymous volume that could outlive the pod.
                    VolumeMounts = [new V1VolumeMount { Name = "data", MountPath = "/var/lib/postgresql/data" }],
                },
            ],
            Volumes = [new V1Volume { Name = "data", EmptyDir = new V1EmptyDirVolumeSource() }],
        },
    };

    private static bool IsReady(V1Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static string Describe(V1Pod pod)
    {
        var containers = pod.Status?.ContainerStatuses?.Select(c =>
            $"{c.Name}: {c.State?.Waiting?.Reason ?? (c.State?.Running is not null ? "running" : c.State?.Terminated?.Reason)} " +
            $"{c.State?.Waiting?.Message ?? c.State?.Terminated?.Message}") ?? [];
        return $"Phase {pod.Status?.Phase}; {string.Join("; ", containers)}" +
            $"{string.Join("", pod.Status?.Conditions?.Where(c => c.Status != "True").Select(c => $"; {c.Type}: {c.Reason} {c.Message}") ?? [])}";
    }

    private static async Task<string?> CurrentUserAsync(IPAddress host, string password)
    {
        var connection = new NpgsqlConnectionStringBuilder
        {
            Host = host.ToString(),
            Port = 5432,
            Username = "postgres",
            Password = password,
            Database = "postgres",
            Timeout = 5,
            Pooling = false,
        }.ConnectionString;
        try
        {
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT current_user", db);
            return (string?)await command.ExecuteScalarAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return null;
        }
    }
}

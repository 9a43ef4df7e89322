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
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);

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

        // The cluster has no DNS: clients reach a Service by its ClusterIP, which kube-proxy routes to the pod.
        var clusterIp = IPAddress.Parse(service.Spec.ClusterIP);
        var user = await Poll.UntilAsync($"Postgres answering at {clusterIp}:5432", ConnectTimeout,
            () => CurrentUserAsync(clusterIp, password),
            () => Task.FromResult("kube-proxy routes ClusterIPs; is it running?"));
        Assert.Equal("postgres", user);
        output.WriteLine($"Postgres answered at {clusterIp}:5432; deleting namespace {ns.Name}");
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

using System.Text.RegularExpressions;
using k8s;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.ClusterTests.Deploy;

/// <summary>
/// A deploy run inside a pod of the test cluster, with no kubeconfig: it must find the cluster through the pod's
/// service account, as a CI job running in the cluster would. The pod runs the example AppHost this test project
/// built, with this machine's .NET and the repository mounted at their own paths.
/// </summary>
[Collection(AppHostDeployCollection.Name)]
public sealed class InClusterDeployTests
{
    private static readonly TimeSpan RunnerTimeout = TimeSpan.FromMinutes(8);

    /// <summary>A local image with what .NET needs at run time (glibc, ICU, OpenSSL): the test Postgres image, for its libraries only.</summary>
    private const string RunnerImage = "airflowaspire-test/postgres:15";

    [SkippableFact]
    public async Task InsideAPodWithoutAKubeconfigDeployUsesThePodsServiceAccount()
    {
        await using var target = await DeployTarget.CreateAsync("incluster");
        var client = target.Client;
        var ns = target.Namespace;
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await GrantNamespaceAdminAsync(client, ns, "deployer");

        var pod = await client.CoreV1.CreateNamespacedPodAsync(RunnerPod(ns, "deployer"), ns);
        var finished = await Poll.UntilAsync(
            "the deploy inside the pod to finish",
            RunnerTimeout,
            async () =>
            {
                var current = await client.CoreV1.ReadNamespacedPodAsync(pod.Metadata.Name, ns);
                return current.Status?.ContainerStatuses?.SingleOrDefault()?.State?.Terminated;
            },
            async () => KubernetesJson.Serialize((await client.CoreV1.ReadNamespacedPodAsync(pod.Metadata.Name, ns)).Status));
        var log = await target.LogAsync(pod.Metadata.Name, "deploy");

        Assert.True(log.Contains($"Deploying to https://10.96.0.1:443 (Kubernetes v1.20.2), namespace '{ns}'.", StringComparison.Ordinal), log);
        Assert.True(log.Contains($"The namespace '{ns}' exists and you may not change it", StringComparison.Ordinal), log);
        Assert.True(Regex.IsMatch(log, @"Waiting for StatefulSet/airflow: 1/1 ready"), log);
        Assert.True(log.Contains("every workload is ready", StringComparison.Ordinal), log);
        Assert.True(finished.ExitCode == 0, $"The deploy from inside the pod must end with every workload ready:\n{log}");
        Assert.NotNull(await target.GetAsync("apps/v1", "StatefulSet", "airflow"));
    }

    /// <summary>A ServiceAccount that may do everything in <paramref name="ns"/> (the built-in <c>admin</c> role) and nothing outside it, once its token exists.</summary>
    private static async Task GrantNamespaceAdminAsync(IKubernetes client, string ns, string name)
    {
        await client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = name } }, ns);
        await client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = name },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "admin" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = name, NamespaceProperty = ns }],
        }, ns);

        // Kubernetes 1.20 mounts a token Secret the controller-manager makes a moment after the account; a pod made before it is refused.
        await Poll.UntilAsync(
            $"a token for ServiceAccount {name}",
            TimeSpan.FromMinutes(1),
            async () => (await client.CoreV1.ReadNamespacedServiceAccountAsync(name, ns)).Secrets?.FirstOrDefault(),
            () => Task.FromResult("The controller-manager made no token Secret."));
    }

    /// <summary>Runs the standalone example's deploy step once, in <paramref name="ns"/>, as <paramref name="serviceAccount"/>.</summary>
    private static V1Pod RunnerPod(string ns, string serviceAccount)
    {
        var dotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        var dotnet = Path.Combine(dotnetRoot, "dotnet");
        var repository = RepositoryPaths.Root;
        return new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "deploy-runner" },
            Spec = new V1PodSpec
            {
                ServiceAccountName = serviceAccount,
                RestartPolicy = "Never",
                Containers =
                [
                    new V1Container
                    {
                        Name = "deploy",
                        Image = RunnerImage,
                        ImagePullPolicy = "Never",
                        Command =
                        [
                            dotnet, "exec", AppHostProcess.AssemblyPath("AirflowAspire.Examples.Standalone"),
                            "--operation", "publish", "--step", "deploy", "--output-path", "/out", "--namespace", ns, "--deploy-timeout", "300s",
                        ],
                        Env = [new V1EnvVar { Name = "HOME", Value = "/out" }, new V1EnvVar { Name = "DOTNET_CLI_TELEMETRY_OPTOUT", Value = "1" }],
                        WorkingDir = "/out",
                        VolumeMounts =
                        [
                            new V1VolumeMount { Name = "dotnet", MountPath = dotnetRoot, ReadOnlyProperty = true },
                            new V1VolumeMount { Name = "repository", MountPath = repository, ReadOnlyProperty = true },
                            new V1VolumeMount { Name = "out", MountPath = "/out" },
                        ],
                        Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("50m"), ["memory"] = new("128Mi") } },
                    },
                ],
                Volumes =
                [
                    new V1Volume { Name = "dotnet", HostPath = new V1HostPathVolumeSource { Path = dotnetRoot, Type = "Directory" } },
                    new V1Volume { Name = "repository", HostPath = new V1HostPathVolumeSource { Path = repository, Type = "Directory" } },
                    new V1Volume { Name = "out", EmptyDir = new V1EmptyDirVolumeSource() },
                ],
            },
        };
    }
}

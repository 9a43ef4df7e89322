using k8s;
using k8s.Models;
using AirflowAspire.TestSupport.Kubernetes;

namespace AirflowAspire.Hosting.Kubernetes.ClusterTests.Deploy;

/// <summary>Reads a snapshot deploy took: a pod of the Postgres server's image mounts its claim and prints the dump's data as SQL.</summary>
internal static class SnapshotReader
{
    public static async Task<string> DataAsync(DeployTarget target, DatabaseSnapshot snapshot)
    {
        // The test's Postgres has no volume, so it runs as a Deployment.
        var server = await target.Client.AppsV1.ReadNamespacedDeploymentAsync("postgres", target.Namespace);
        var name = $"read-snapshot-{Guid.NewGuid():N}"[..22];
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PodSpec
            {
                RestartPolicy = "Never",
                SecurityContext = server.Spec.Template.Spec.SecurityContext,
                Containers =
                [
                    new V1Container
                    {
                        Name = "read",
                        Image = server.Spec.Template.Spec.Containers[0].Image,
                        Command = ["pg_restore", "--data-only", "--file=-", snapshot.File],
                        VolumeMounts = [new V1VolumeMount { Name = "snapshots", MountPath = "/snapshots", ReadOnlyProperty = true }],
                    },
                ],
                Volumes = [new V1Volume { Name = "snapshots", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = snapshot.Claim } }],
            },
        };
        await target.Client.CoreV1.CreateNamespacedPodAsync(pod, target.Namespace);
        try
        {
            await Poll.UntilAsync($"pod {name} to finish", TimeSpan.FromMinutes(2), async () =>
                (await target.Client.CoreV1.ReadNamespacedPodAsync(name, target.Namespace)).Status?.Phase is "Succeeded" or "Failed" ? name : null,
                async () => KubernetesJson.Serialize((await target.Client.CoreV1.ReadNamespacedPodAsync(name, target.Namespace)).Status));
            using var log = await target.Client.CoreV1.ReadNamespacedPodLogAsync(name, target.Namespace);
            return await new StreamReader(log).ReadToEndAsync();
        }
        finally
        {
            await target.Client.CoreV1.DeleteNamespacedPodAsync(name, target.Namespace, gracePeriodSeconds: 0);
        }
    }
}

using k8s;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.ClusterTests.Deploy;

/// <summary>The pod of a standalone Airflow deployment, with the Postgres that runs inside it.</summary>
internal static class StandalonePod
{
    private static readonly TimeSpan PostgresReadyTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The pod once its Postgres container is ready; fails with the pod's state when it is not within two minutes.</summary>
    public static Task<V1Pod> WaitForPostgresAsync(DeployTarget target, string name)
    {
        V1Pod? last = null;
        return Poll.UntilAsync(
            $"the Postgres container of pod {name} to be ready",
            PostgresReadyTimeout,
            async () =>
            {
                last = await target.Client.CoreV1.ReadNamespacedPodAsync(name, target.Namespace);
                return last.Status?.ContainerStatuses?.Any(c => c.Name == "postgres" && c.Ready) == true ? last : null;
            },
            () => Task.FromResult(KubernetesJson.Serialize(last?.Status)));
    }
}

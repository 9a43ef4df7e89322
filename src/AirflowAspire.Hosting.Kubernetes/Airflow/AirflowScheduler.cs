using AirflowAspire.Hosting.Airflow;
using k8s;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// <c>scheduler.yaml</c>: a Deployment; with the LocalExecutor, whose tasks run inside the scheduler, a StatefulSet
/// behind a headless Service instead (as the chart does), so the API server reaches the task logs it serves by
/// a stable host name.
/// </summary>
internal static class AirflowScheduler
{
    public static KubernetesFile Render(AirflowCluster cluster)
    {
        const AirflowRole role = AirflowRole.Scheduler;
        if (!cluster.ServesTaskLogsFromScheduler)
        {
            return new KubernetesFile(cluster.FilePath("scheduler"), [.. AirflowWorkloads.DeploymentWithBudget(cluster, role)]);
        }

        var objects = new List<IKubernetesObject>
        {
            AirflowWorkloads.Service(cluster, role, AirflowContainers.Ports(cluster, role), headless: true),
            AirflowWorkloads.StatefulSet(
                cluster,
                role,
                AirflowPods.Pod(cluster, role, AirflowContainers.Container(cluster, role)),
                cluster.Component(role).GetReplicaCount(),
                cluster.Context.Name(cluster.Component(role))),
        };
        if (AirflowWorkloads.IsReplicated(cluster, role))
        {
            objects.Add(AirflowWorkloads.DisruptionBudget(cluster, role));
        }

        return new KubernetesFile(cluster.FilePath("scheduler"), objects);
    }
}

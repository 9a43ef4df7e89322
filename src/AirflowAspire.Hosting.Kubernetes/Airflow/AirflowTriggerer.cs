using AirflowAspire.Hosting.Airflow;
using k8s;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// <c>triggerer.yaml</c>: a StatefulSet behind a headless Service, as the chart deploys it, so the logs of
/// deferred tasks it serves on port 8794 are reached by a stable host name.
/// </summary>
internal static class AirflowTriggerer
{
    public static KubernetesFile Render(AirflowCluster cluster)
    {
        const AirflowRole role = AirflowRole.Triggerer;
        var component = cluster.Component(role);
        var objects = new List<IKubernetesObject>
        {
            AirflowWorkloads.Service(cluster, role, AirflowContainers.Ports(cluster, role), headless: true),
            AirflowWorkloads.StatefulSet(
                cluster, role, AirflowPods.Pod(cluster, role, AirflowContainers.Container(cluster, role)), component.GetReplicaCount(), cluster.Context.Name(component)),
        };
        if (AirflowWorkloads.IsReplicated(cluster, role))
        {
            objects.Add(AirflowWorkloads.DisruptionBudget(cluster, role));
        }

        return new KubernetesFile(cluster.FilePath("triggerer"), objects);
    }
}

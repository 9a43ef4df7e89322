using AirflowAspire.Hosting.Airflow;
using k8s;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary><c>flower.yaml</c>: Celery's monitoring UI, a Deployment and its ClusterIP Service.</summary>
internal static class AirflowFlower
{
    public static KubernetesFile Render(AirflowCluster cluster)
    {
        const AirflowRole role = AirflowRole.Flower;
        var objects = new List<IKubernetesObject>(AirflowWorkloads.DeploymentWithBudget(cluster, role))
        {
            AirflowWorkloads.Service(cluster, role, AirflowContainers.Ports(cluster, role)),
        };
        return new KubernetesFile(cluster.FilePath("flower"), objects);
    }
}

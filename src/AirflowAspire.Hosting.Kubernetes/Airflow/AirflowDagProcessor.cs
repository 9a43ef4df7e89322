using AirflowAspire.Hosting.Airflow;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary><c>dag-processor.yaml</c>: the Deployment that parses DAG files (always in Airflow 3, when asked for in Airflow 2).</summary>
internal static class AirflowDagProcessor
{
    public static KubernetesFile Render(AirflowCluster cluster) =>
        new(cluster.FilePath("dag-processor"), [.. AirflowWorkloads.DeploymentWithBudget(cluster, AirflowRole.DagProcessor)]);
}

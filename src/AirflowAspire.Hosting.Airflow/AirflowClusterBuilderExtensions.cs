namespace Aspire.Hosting;

/// <summary>What an Airflow deployment looks like in a cluster: DAG delivery, volumes, exposure, autoscaling, pod permissions.</summary>
public static class AirflowClusterBuilderExtensions
{
    /// <summary>
    /// How DAG files reach the pods in a cluster: <see cref="AirflowDagDelivery.Baked"/> (the default),
    /// <see cref="AirflowDagDelivery.GitSync"/> or <see cref="AirflowDagDelivery.Volume"/>. Configuration
    /// (<c>Airflow:{name}:DagDelivery</c>) overrides it.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithDagDelivery(this IResourceBuilder<AirflowResource> airflow, AirflowDagDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        delivery.ThrowIfInvalid(airflow.Resource.Name);
        airflow.Resource.DagDelivery = delivery;
        return airflow;
    }

    /// <summary>Task logs on a ReadWriteMany volume every Airflow pod mounts at /opt/airflow/logs, in a cluster.</summary>
    public static IResourceBuilder<AirflowResource> WithLogsVolume(this IResourceBuilder<AirflowResource> airflow, string size = "10Gi", string? storageClass = null)
    {
        AirflowVolume.ThrowIfInvalidSize(size, airflow.Resource.Name, "logs volume");
        airflow.Resource.LogsVolume = new AirflowVolume(size, storageClass);
        return airflow;
    }

    /// <summary>In a cluster, the UI gets a LoadBalancer Service with an external address.</summary>
    public static IResourceBuilder<AirflowResource> WithLoadBalancer(this IResourceBuilder<AirflowResource> airflow)
    {
        airflow.Resource.ApiServerExposure = new AirflowApiServerExposure(AirflowServiceType.LoadBalancer);
        return airflow;
    }

    /// <summary>In a cluster, the UI is served for <paramref name="host"/> through an Ingress.</summary>
    public static IResourceBuilder<AirflowResource> WithIngress(
        this IResourceBuilder<AirflowResource> airflow, string host, string? ingressClassName = null, string? tlsSecretName = null)
    {
        if (Uri.CheckHostName(host) != UriHostNameType.Dns || host.Contains('*'))
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Resource.Name}': the Ingress host '{host}' is not a DNS name; give one such as \"airflow.example.com\".");
        }

        if (tlsSecretName is not null)
        {
            ResourceNames.ThrowIfInvalid(tlsSecretName, "TLS Secret name");
        }

        airflow.Resource.ApiServerExposure = new AirflowApiServerExposure(AirflowServiceType.Ingress, host, ingressClassName, tlsSecretName);
        return airflow;
    }

    /// <summary>In a cluster, a HorizontalPodAutoscaler keeps the Celery workers between the bounds on CPU use.</summary>
    public static IResourceBuilder<AirflowResource> WithWorkerAutoscaling(
        this IResourceBuilder<AirflowResource> airflow, int minReplicas, int maxReplicas, int targetCpuUtilization = 80)
    {
        ThrowIfInvalidBounds(airflow, minReplicas, maxReplicas, lowest: 1, "a HorizontalPodAutoscaler");
        if (targetCpuUtilization is < 1 or > 100)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Resource.Name}': the target CPU utilization {targetCpuUtilization}% must be between 1 and 100.");
        }

        airflow.Resource.WorkerAutoscaling = new AirflowWorkerAutoscaling(AirflowAutoscaler.HorizontalPodAutoscaler, minReplicas, maxReplicas, targetCpuUtilization);
        return airflow;
    }

    /// <summary>
    /// In a cluster, a KEDA ScaledObject sizes the Celery workers to the queued and running tasks, down to
    /// <paramref name="minReplicas"/> (0 allowed). Needs KEDA installed in the cluster.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithKedaAutoscaling(
        this IResourceBuilder<AirflowResource> airflow, int minReplicas, int maxReplicas, int tasksPerWorker = 16)
    {
        ThrowIfInvalidBounds(airflow, minReplicas, maxReplicas, lowest: 0, "KEDA");
        if (tasksPerWorker < 1)
        {
            throw new DistributedApplicationException($"Airflow '{airflow.Resource.Name}': tasks per worker must be at least 1, not {tasksPerWorker}.");
        }

        airflow.Resource.WorkerAutoscaling = new AirflowWorkerAutoscaling(AirflowAutoscaler.Keda, minReplicas, maxReplicas, TasksPerWorker: tasksPerWorker);
        return airflow;
    }

    /// <summary>
    /// In a cluster, runs the Postgres server and every Airflow component as containers of one StatefulSet pod,
    /// the database on a persistent volume. Needs the LocalExecutor and a Postgres database from the model.
    /// </summary>
    public static IResourceBuilder<AirflowResource> PublishAsStandalonePod(this IResourceBuilder<AirflowResource> airflow)
    {
        airflow.Resource.IsStandalonePod = true;
        return airflow;
    }

    /// <summary>
    /// Tasks use KubernetesPodOperator: in a cluster, Airflow's pods run under a ServiceAccount whose Role
    /// allows creating, watching and deleting pods (and reading their logs) in the deployment's namespace.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithKubernetesPodOperator(this IResourceBuilder<AirflowResource> airflow)
    {
        airflow.Resource.LaunchesPodsRequested = true;
        return airflow;
    }

    private static void ThrowIfInvalidBounds(IResourceBuilder<AirflowResource> airflow, int min, int max, int lowest, string autoscaler)
    {
        if (min < lowest || max < Math.Max(min, 1))
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Resource.Name}': worker autoscaling with {autoscaler} needs {lowest} <= minReplicas <= maxReplicas and maxReplicas >= 1 " +
                $"(got minReplicas {min}, maxReplicas {max}).");
        }
    }
}

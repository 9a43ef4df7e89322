using AirflowAspire.Hosting.Airflow;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>The objects every component file is made of: Deployments, StatefulSets, Services and PodDisruptionBudgets.</summary>
internal static class AirflowWorkloads
{
    public static V1Deployment Deployment(AirflowCluster cluster, AirflowRole role, V1PodTemplateSpec pod) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = cluster.Metadata(role),
        Spec = new V1DeploymentSpec
        {
            Replicas = cluster.Component(role).GetReplicaCount(),
            Selector = Selector(cluster, role),
            Template = pod,
        },
    };

    /// <summary>A StatefulSet whose pods have stable names under the headless Service <paramref name="serviceName"/>.</summary>
    /// <param name="replicas">null leaves the count to an autoscaler.</param>
    public static V1StatefulSet StatefulSet(AirflowCluster cluster, AirflowRole role, V1PodTemplateSpec pod, int? replicas, string serviceName) => new()
    {
        ApiVersion = "apps/v1",
        Kind = "StatefulSet",
        Metadata = cluster.Metadata(role),
        Spec = new V1StatefulSetSpec
        {
            Replicas = replicas,
            ServiceName = serviceName,

            // Pods are alike; none waits for the one before it to be ready.
            PodManagementPolicy = "Parallel",
            Selector = Selector(cluster, role),
            Template = pod,
        },
    };

    /// <summary>A Service in front of a component's pods.</summary>
    /// <param name="type">ClusterIP or LoadBalancer; ignored when <paramref name="headless"/>.</param>
    /// <param name="headless">No virtual IP: DNS names each pod, <c>&lt;pod&gt;.&lt;service&gt;</c>, for a StatefulSet.</param>
    public static V1Service Service(AirflowCluster cluster, AirflowRole role, IEnumerable<V1ContainerPort> ports, string type = "ClusterIP", bool headless = false) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = cluster.Metadata(role),
        Spec = new V1ServiceSpec
        {
            Type = headless ? "ClusterIP" : type,
            ClusterIP = headless ? "None" : null,

            // A worker's logs are fetched by its name while it is still starting or already stopping.
            PublishNotReadyAddresses = headless ? true : null,
            Selector = cluster.Context.SelectorLabels(cluster.Component(role)),
            Ports = ports.Select(ServicePort).ToList(),
        },
    };

    public static V1ServicePort ServicePort(V1ContainerPort port) => new()
    {
        Name = port.Name,
        Port = port.ContainerPort,
        TargetPort = port.Name,
        Protocol = port.Protocol,
    };

    /// <summary>Lets a node drain take at most one of the component's pods at a time.</summary>
    public static V1PodDisruptionBudget DisruptionBudget(AirflowCluster cluster, AirflowRole role) => new()
    {
        ApiVersion = "policy/v1",
        Kind = "PodDisruptionBudget",
        Metadata = cluster.Metadata(role),
        Spec = new V1PodDisruptionBudgetSpec
        {
            MaxUnavailable = 1,
            Selector = Selector(cluster, role),
        },
    };

    /// <summary>Whether the component runs more than one pod, so a disruption budget matters.</summary>
    public static bool IsReplicated(AirflowCluster cluster, AirflowRole role) =>
        cluster.Component(role).GetReplicaCount() > 1
        || (role == AirflowRole.Worker && cluster.Airflow.WorkerAutoscaling is { MaxReplicas: > 1 });

    public static V1LabelSelector Selector(AirflowCluster cluster, AirflowRole role) =>
        new() { MatchLabels = cluster.Context.SelectorLabels(cluster.Component(role)) };

    public static V1LabelSelector Selector(IDictionary<string, string> labels) => new() { MatchLabels = labels };

    /// <summary>A component's Deployment, and its disruption budget when it has several replicas.</summary>
    public static IEnumerable<k8s.IKubernetesObject> DeploymentWithBudget(AirflowCluster cluster, AirflowRole role)
    {
        yield return Deployment(cluster, role, AirflowPods.Pod(cluster, role, AirflowContainers.Container(cluster, role)));
        if (IsReplicated(cluster, role))
        {
            yield return DisruptionBudget(cluster, role);
        }
    }

}

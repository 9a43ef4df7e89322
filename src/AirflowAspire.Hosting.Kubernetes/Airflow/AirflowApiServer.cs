using AirflowAspire.Hosting.Airflow;
using k8s;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// <c>api-server.yaml</c> (Airflow 3) or <c>webserver.yaml</c> (Airflow 2): the UI's Deployment and its Service,
/// ClusterIP unless the model asks for a LoadBalancer, or for an Ingress in front of the ClusterIP Service.
/// </summary>
internal static class AirflowApiServer
{
    public static AirflowRole Role(AirflowResource airflow) =>
        airflow.Components.ContainsKey(AirflowRole.ApiServer) ? AirflowRole.ApiServer : AirflowRole.Webserver;

    public static KubernetesFile Render(AirflowCluster cluster)
    {
        var role = Role(cluster.Airflow);
        var objects = new List<IKubernetesObject>(AirflowWorkloads.DeploymentWithBudget(cluster, role));
        objects.AddRange(Exposure(cluster, role, AirflowContainers.Ports(cluster, role)));
        return new KubernetesFile(cluster.FilePath(cluster.ComponentLabel(role)), objects);
    }

    /// <summary>The Service named like the component (what every URL of it points at), and the Ingress when asked for.</summary>
    public static IEnumerable<IKubernetesObject> Exposure(AirflowCluster cluster, AirflowRole role, IReadOnlyList<V1ContainerPort> ports)
    {
        var exposure = cluster.Airflow.ApiServerExposure;
        var type = exposure.Type == AirflowServiceType.LoadBalancer ? "LoadBalancer" : "ClusterIP";
        var service = AirflowWorkloads.Service(cluster, role, ports, type);
        if (cluster.IsStandalone)
        {
            service.Spec.Selector = cluster.Context.SelectorLabels(cluster.Airflow);
        }

        yield return service;
        if (exposure.Type == AirflowServiceType.Ingress)
        {
            yield return Ingress(cluster, role, exposure, ports.First(p => p.ContainerPort == AirflowComponents.ApiServerPort));
        }
    }

    private static V1Ingress Ingress(AirflowCluster cluster, AirflowRole role, AirflowApiServerExposure exposure, V1ContainerPort port)
    {
        var host = exposure.Host!;
        return new V1Ingress
        {
            ApiVersion = "networking.k8s.io/v1",
            Kind = "Ingress",
            Metadata = cluster.Metadata(role),
            Spec = new V1IngressSpec
            {
                IngressClassName = exposure.IngressClassName,
                Tls = exposure.TlsSecretName is { } tls ? [new V1IngressTLS { Hosts = [host], SecretName = tls }] : null,
                Rules =
                [
                    new V1IngressRule
                    {
                        Host = host,
                        Http = new V1HTTPIngressRuleValue
                        {
                            Paths =
                            [
                                new V1HTTPIngressPath
                                {
                                    Path = "/",
                                    PathType = "Prefix",
                                    Backend = new V1IngressBackend
                                    {
                                        Service = new V1IngressServiceBackend
                                        {
                                            Name = cluster.Context.Name(cluster.Component(role)),
                                            Port = new V1ServiceBackendPort { Number = port.ContainerPort },
                                        },
                                    },
                                },
                            ],
                        },
                    },
                ],
            },
        };
    }
}

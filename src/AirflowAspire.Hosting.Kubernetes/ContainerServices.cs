using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// The Services in front of a container's pods: a ClusterIP Service named as the resource, which clients reach
/// by the name the model renders for it, and for a StatefulSet a headless Service that gives each pod a stable
/// DNS name; both expose the container's endpoints as named ports.
/// </summary>
internal static class ContainerServices
{
    /// <summary>The name of the headless Service that gives a StatefulSet's pods stable DNS names.</summary>
    public static string HeadlessServiceName(IResource resource, KubernetesContext context) => context.Name($"{resource.Name}-headless");

    /// <summary>A ClusterIP Service named as the resource, so clients reach it by the name the model renders for it.</summary>
    public static V1Service Service(IResource resource, KubernetesContext context) => new()
    {
        Metadata = ContainerKubernetesTemplate.Metadata(context.Name(resource), resource, context),
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            Selector = context.SelectorLabels(resource),
            Ports = ServicePorts(resource),
        },
    };

    /// <summary>A headless Service for a StatefulSet: stable per-pod DNS names, published before the pods are ready.</summary>
    public static V1Service HeadlessService(IResource resource, KubernetesContext context)
    {
        var ports = ServicePorts(resource);
        return new V1Service
        {
            Metadata = ContainerKubernetesTemplate.Metadata(HeadlessServiceName(resource, context), resource, context),
            Spec = new V1ServiceSpec
            {
                ClusterIP = "None",
                PublishNotReadyAddresses = true,
                Selector = context.SelectorLabels(resource),
                Ports = ports.Count == 0 ? null : ports,
            },
        };
    }

    private static List<V1ServicePort> ServicePorts(IResource resource) =>
        ContainerPods.ContainerPorts(resource).Select(p => new V1ServicePort
        {
            Name = p.Name,
            Port = p.ContainerPort,
            TargetPort = p.Name,
            Protocol = p.Protocol,
        }).ToList();
}

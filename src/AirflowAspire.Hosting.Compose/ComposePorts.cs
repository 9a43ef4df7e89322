using System.Net.Sockets;
using YamlDotNet.RepresentationModel;

namespace AirflowAspire.Hosting.Compose;

/// <summary>
/// A service's published <c>ports</c>. Services reach each other on the compose network without any; only an
/// external endpoint (on every interface, <c>"8080:8080"</c>) or one with a fixed host port (on 127.0.0.1, as
/// local runs bind it) is published. An external endpoint without a fixed port keeps its target port, or gets
/// a free one per replica when the service has several.
/// </summary>
internal static class ComposePorts
{
    public static YamlSequenceNode? For(ContainerResource container)
    {
        var replicas = container.GetReplicaCount();
        var ports = container.Annotations.OfType<EndpointAnnotation>()
            .Where(e => e.IsExternal || e.Port is not null)
            .Select(e => Binding(container, e, replicas))
            .ToList();
        return ports.Count == 0 ? null : ComposeYaml.List(ports);
    }

    private static string Binding(ContainerResource container, EndpointAnnotation endpoint, int replicas)
    {
        var suffix = endpoint.Protocol == ProtocolType.Udp ? "/udp" : "";
        var containerPort = endpoint.TargetPort ?? endpoint.Port ?? throw new DistributedApplicationException(
            $"The endpoint '{endpoint.Name}' of '{container.Name}' has no port; give it a target port.");
        var target = $"{containerPort}{suffix}";
        if (endpoint.Port is null && replicas > 1)
        {
            return target;
        }

        var host = endpoint.Port ?? containerPort;
        return endpoint.IsExternal ? $"{host}:{target}" : $"127.0.0.1:{host}:{target}";
    }
}

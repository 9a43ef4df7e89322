using AirflowAspire.Hosting.ApplicationModel;
using YamlDotNet.RepresentationModel;

namespace AirflowAspire.Hosting.Publishing.Compose;

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
        var replicas = container.GetReplicas();
        var ports = container.GetEndpoints()
            .Where(e => e.IsExternal || e.Port is not null)
            .Select(e => Binding(e, replicas))
            .ToList();
        return ports.Count == 0 ? null : ComposeYaml.List(ports);
    }

    private static string Binding(EndpointAnnotation endpoint, int replicas)
    {
        var suffix = endpoint.Protocol == "udp" ? "/udp" : "";
        var target = $"{endpoint.TargetPort}{suffix}";
        if (endpoint.Port is null && replicas > 1)
        {
            return target;
        }

        var host = endpoint.Port ?? endpoint.TargetPort;
        return endpoint.IsExternal ? $"{host}:{target}" : $"127.0.0.1:{host}:{target}";
    }
}

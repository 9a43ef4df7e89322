using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting;

/// <summary>What makes an endpoint valid, checked where it is declared and again at Build().</summary>
internal static class EndpointRules
{
    private static readonly string[] Schemes = ["http", "https", "tcp", "udp"];
    private static readonly string[] Transports = ["http", "http2", "tcp"];

    public static void ThrowIfInvalid(string resourceName, EndpointAnnotation endpoint)
    {
        ResourceNames.ThrowIfInvalid(endpoint.Name, $"endpoint (on resource '{resourceName}')");
        ThrowIfOutOfRange(resourceName, endpoint.Name, "target port", endpoint.TargetPort);
        if (endpoint.Port is { } port)
        {
            ThrowIfOutOfRange(resourceName, endpoint.Name, "host port", port);
        }

        if (!Schemes.Contains(endpoint.Scheme))
        {
            throw new DistributedApplicationException(
                $"Endpoint '{endpoint.Name}' of resource '{resourceName}' has scheme '{endpoint.Scheme}'; use one of {string.Join(", ", Schemes)}.");
        }

        if (!Transports.Contains(endpoint.Transport))
        {
            throw new DistributedApplicationException(
                $"Endpoint '{endpoint.Name}' of resource '{resourceName}' has transport '{endpoint.Transport}'; use one of {string.Join(", ", Transports)}.");
        }
    }

    private static void ThrowIfOutOfRange(string resourceName, string endpointName, string what, int port)
    {
        if (port is < 1 or > 65535)
        {
            throw new DistributedApplicationException(
                $"Endpoint '{endpointName}' of resource '{resourceName}' has {what} {port}; ports must be between 1 and 65535.");
        }
    }
}

using System.Net;
using System.Net.Sockets;
using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Orchestration;

/// <summary>
/// Chooses the host port of every endpoint replica once per run: the model's fixed port, or a free one.
/// Ports stay the same across restarts of a resource, so links in the dashboard keep working.
/// </summary>
internal sealed class PortAllocator
{
    private readonly Dictionary<(IResource Resource, string Endpoint, int Replica), int> ports = [];
    private readonly Dictionary<IResource, string> busy = [];

    public PortAllocator(IEnumerable<IResource> resources)
    {
        var taken = new HashSet<int>();
        foreach (var resource in resources)
        {
            foreach (var endpoint in resource.GetEndpoints())
            {
                for (var replica = 0; replica < resource.GetReplicas(); replica++)
                {
                    ports[(resource, endpoint.Name, replica)] = Allocate(resource, endpoint, taken);
                }
            }
        }
    }

    /// <summary>The host port of one replica's endpoint.</summary>
    public int Get(IResource resource, string endpointName, int replica = 0) => ports[(resource, endpointName, replica)];

    /// <summary>Why a resource cannot start (a fixed port someone else holds), or null.</summary>
    public string? Problem(IResource resource) => busy.GetValueOrDefault(resource);

    private int Allocate(IResource resource, EndpointAnnotation endpoint, HashSet<int> taken)
    {
        if (endpoint.Port is { } fixedPort)
        {
            if (!IsFree(fixedPort))
            {
                busy[resource] = $"Host port {fixedPort} of endpoint '{endpoint.Name}' of '{resource.Name}' is already in use on 127.0.0.1. " +
                                 "Stop what uses it, or give the endpoint another port (or none, to get a free one).";
            }

            taken.Add(fixedPort);
            return fixedPort;
        }

        int port;
        do
        {
            port = FreePort();
        }
        while (!taken.Add(port));

        return port;
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, false);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

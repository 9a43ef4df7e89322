using System.Net;
using System.Net.Sockets;

namespace AirflowAspire.Orchestration.Tests.TestSupport;

internal static class FreePort
{
    /// <summary>A port of 127.0.0.1 that nothing listens on right now.</summary>
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

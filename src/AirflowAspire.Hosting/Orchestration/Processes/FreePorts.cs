using System.Net;
using System.Net.Sockets;

namespace AirflowAspire.Hosting.Orchestration.Processes;

/// <summary>Ports of 127.0.0.1 that nothing listens on now, for a server's internal ports.</summary>
internal static class FreePorts
{
    /// <summary>Distinct free ports: all are held open together while they are picked.</summary>
    public static IReadOnlyList<int> Pick(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}

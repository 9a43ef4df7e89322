using System.Net;
using System.Net.Sockets;
using AirflowAspire.Hosting;
using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Orchestration;

namespace AirflowAspire.Bench.Orchestration;

/// <summary>
/// The baseline's <see cref="WorkloadSpec"/> of a server: what the orchestrator hands the process runtime,
/// rendered the same way (values as seen from the host, the same parameter values, a free port per endpoint).
/// </summary>
internal static class DirectSpec
{
    public static WorkloadSpec Render(DistributedApplicationModel model, IResource resource)
    {
        var ports = resource.GetEndpoints().ToDictionary(e => e.Name, _ => FreePort());
        var values = new LocalRenderContext
        {
            Consumer = LocalConsumer.Host,
            ParameterValue = BenchModel.ParameterValue,
            HostPort = (_, endpoint) => ports[endpoint.Name],
        };
        return new WorkloadSpec
        {
            ResourceName = resource.Name,
            InstanceName = resource.Name,
            HostName = resource.Name,
            Args = resource.GetArgs(model.ExecutionContext).Select(a => a.ToLocalValue(values)).ToList(),
            Environment = resource.GetEnvironmentVariables(model.ExecutionContext)
                .ToDictionary(e => e.Key, e => e.Value.ToLocalValue(values), StringComparer.Ordinal),
            Ports = resource.GetEndpoints().Select(e => new PortBinding(e.Name, e.TargetPort, ports[e.Name])).ToList(),
        };
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}

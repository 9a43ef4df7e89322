using AirflowAspire.Hosting.ApplicationModel;
using k8s.Models;

namespace AirflowAspire.Hosting.Publishing.Kubernetes;

/// <summary>
/// Probes from a health check of the model. Readiness uses the check's own timing; liveness tolerates
/// more failures, so a busy moment does not restart a container; the startup probe gives a slow first
/// start (initdb, migrations, a cold image) several minutes before liveness takes over.
/// </summary>
internal static class KubernetesProbes
{
    public static V1Probe Readiness(HealthCheckAnnotation check, IResource resource, KubernetesContext context) =>
        WithTiming(Handler(check, resource, context), check, failureThreshold: Math.Max(check.Retries, 3));

    public static V1Probe Liveness(HealthCheckAnnotation check, IResource resource, KubernetesContext context) =>
        WithTiming(Handler(check, resource, context), check, failureThreshold: Math.Max(check.Retries, 5));

    /// <summary>Probes every 10 s for up to <paramref name="allowed"/> before the container counts as failed.</summary>
    public static V1Probe Startup(HealthCheckAnnotation check, IResource resource, KubernetesContext context, TimeSpan allowed)
    {
        var probe = Handler(check, resource, context);
        probe.PeriodSeconds = 10;
        probe.TimeoutSeconds = Seconds(check.Timeout);
        probe.FailureThreshold = (int)Math.Ceiling(allowed.TotalSeconds / 10);
        return probe;
    }

    /// <summary>The probe's action alone: an HTTP GET, a TCP connect or a command (through <c>sh -c</c> when the check asks for a shell).</summary>
    public static V1Probe Handler(HealthCheckAnnotation check, IResource resource, KubernetesContext context) => check switch
    {
        HttpHealthCheckAnnotation http => new V1Probe
        {
            HttpGet = new V1HTTPGetAction { Path = http.Path, Port = TargetPort(resource, http.EndpointName), Scheme = "HTTP" },
        },
        TcpHealthCheckAnnotation tcp => new V1Probe
        {
            TcpSocket = new V1TCPSocketAction { Port = TargetPort(resource, tcp.EndpointName) },
        },
        CommandHealthCheckAnnotation command => new V1Probe
        {
            Exec = new V1ExecAction { Command = command.UseShell ? ["sh", "-c", string.Join(' ', command.Command)] : [.. command.Command] },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, $"No probe for {check.GetType().Name} of '{resource.Name}'."),
    };

    public static int Seconds(TimeSpan time) => Math.Max(1, (int)Math.Ceiling(time.TotalSeconds));

    private static V1Probe WithTiming(V1Probe probe, HealthCheckAnnotation check, int failureThreshold)
    {
        probe.PeriodSeconds = Seconds(check.Interval);
        probe.TimeoutSeconds = Seconds(check.Timeout);
        probe.FailureThreshold = failureThreshold;
        return probe;
    }

    private static IntOrString TargetPort(IResource resource, string endpointName) =>
        resource.GetEndpoints().FirstOrDefault(e => e.Name == endpointName)?.TargetPort
            ?? throw new DistributedApplicationException($"'{resource.Name}' has a health check on endpoint '{endpointName}', which it does not have.");
}

using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Probes from a check the publisher knows: readiness every 10 s; liveness tolerating more failures, so a busy
/// moment does not restart a container; the startup probe giving a slow first start (initdb, migrations, a cold
/// image) several minutes before liveness takes over.
/// </summary>
internal static class KubernetesProbes
{
    public const int PeriodSeconds = 10;
    public const int TimeoutSeconds = 5;

    /// <summary>How long a container may take to start before its liveness probe counts.</summary>
    public static readonly TimeSpan StartupAllowance = TimeSpan.FromMinutes(5);

    public static V1Probe Readiness(V1Probe handler) => WithTiming(handler, PeriodSeconds, failureThreshold: 3);

    public static V1Probe Liveness(V1Probe handler) => WithTiming(handler, PeriodSeconds, failureThreshold: 5);

    /// <summary>Probes every 10 s for up to <see cref="StartupAllowance"/> before the container counts as failed.</summary>
    public static V1Probe Startup(V1Probe handler) =>
        WithTiming(handler, PeriodSeconds, failureThreshold: (int)Math.Ceiling(StartupAllowance.TotalSeconds / PeriodSeconds));

    /// <summary>Runs a command inside the container.</summary>
    public static V1Probe Exec(IReadOnlyList<string> command) => new() { Exec = new V1ExecAction { Command = [.. command] } };

    /// <summary>Runs a shell command inside the container.</summary>
    public static V1Probe Shell(string command) => Exec(["sh", "-c", command]);

    /// <summary>An HTTP GET of <paramref name="path"/> on the resource's endpoint <paramref name="endpointName"/>.</summary>
    public static V1Probe HttpGet(IResource resource, string endpointName, string path)
    {
        var endpoint = ContainerFacts.Endpoints(resource).FirstOrDefault(e => e.Name == endpointName)
            ?? throw new DistributedApplicationException($"'{resource.Name}' is probed on endpoint '{endpointName}', which it does not have.");
        return new V1Probe
        {
            HttpGet = new V1HTTPGetAction { Path = path, Port = ContainerFacts.TargetPort(resource, endpoint), Scheme = "HTTP" },
        };
    }

    private static V1Probe WithTiming(V1Probe handler, int period, int failureThreshold)
    {
        var probe = Copy(handler);
        probe.PeriodSeconds = period;
        probe.TimeoutSeconds = TimeoutSeconds;
        probe.FailureThreshold = failureThreshold;
        return probe;
    }

    private static V1Probe Copy(V1Probe handler) => new() { Exec = handler.Exec, HttpGet = handler.HttpGet, TcpSocket = handler.TcpSocket };
}

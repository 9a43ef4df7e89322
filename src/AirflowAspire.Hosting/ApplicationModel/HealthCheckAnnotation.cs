namespace AirflowAspire.Hosting.ApplicationModel;

/// <summary>
/// How to tell that a resource is healthy. Timings follow docker-compose's healthcheck, so the local run,
/// the compose file and the Kubernetes probes say the same thing.
/// </summary>
public abstract record HealthCheckAnnotation : IResourceAnnotation
{
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public int Retries { get; init; } = 5;

    public TimeSpan StartPeriod { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>Healthy when an HTTP GET of <paramref name="Path"/> on the endpoint answers 2xx.</summary>
public sealed record HttpHealthCheckAnnotation(string EndpointName, string Path) : HealthCheckAnnotation;

/// <summary>Healthy when the endpoint accepts a TCP connection.</summary>
public sealed record TcpHealthCheckAnnotation(string EndpointName) : HealthCheckAnnotation;

/// <summary>
/// Healthy when a command run inside the container exits 0. With <paramref name="UseShell"/> the single
/// string in <paramref name="Command"/> runs through <c>/bin/sh -c</c> (compose's CMD-SHELL).
/// </summary>
public sealed record CommandHealthCheckAnnotation(IReadOnlyList<string> Command, bool UseShell = false) : HealthCheckAnnotation;

namespace AirflowAspire.Hosting.ApplicationModel;

/// <summary>A port a resource listens on.</summary>
/// <param name="Name">The binding name; web endpoints are named <c>http</c> so Aspire tools can build URLs.</param>
/// <param name="TargetPort">The port inside the container.</param>
/// <param name="Port">A fixed host port for a local run; null picks a free one at start.</param>
/// <param name="Scheme">http, https, tcp or udp.</param>
/// <param name="Transport">http, http2 or tcp.</param>
/// <param name="IsExternal">Reachable from outside the application when deployed.</param>
public sealed record EndpointAnnotation(
    string Name,
    int TargetPort,
    int? Port = null,
    string Scheme = "tcp",
    string Transport = "tcp",
    bool IsExternal = false) : IResourceAnnotation
{
    /// <summary>tcp or udp.</summary>
    public string Protocol => Scheme == "udp" ? "udp" : "tcp";

    public bool IsHttp => Scheme is "http" or "https";
}

namespace Aspire.Hosting.ApplicationModel;

/// <summary>How the UI and API are reached from outside a cluster.</summary>
public enum AirflowServiceType
{
    /// <summary>Only inside the cluster; reach it with <c>kubectl port-forward</c>.</summary>
    ClusterIP,

    /// <summary>A LoadBalancer Service with its own external address.</summary>
    LoadBalancer,

    /// <summary>A ClusterIP Service behind an Ingress for a host name.</summary>
    Ingress,
}

/// <summary>The Service (and Ingress) in front of the API server or webserver.</summary>
/// <param name="Type">The kind of exposure.</param>
/// <param name="Host">The Ingress host name; only for <see cref="AirflowServiceType.Ingress"/>.</param>
/// <param name="IngressClassName">The Ingress class, e.g. <c>nginx</c>; null for the cluster's default.</param>
/// <param name="TlsSecretName">A Secret holding the TLS certificate for <paramref name="Host"/>; null for plain HTTP.</param>
public sealed record AirflowApiServerExposure(
    AirflowServiceType Type, string? Host = null, string? IngressClassName = null, string? TlsSecretName = null)
{
    public static AirflowApiServerExposure ClusterIP { get; } = new(AirflowServiceType.ClusterIP);
}

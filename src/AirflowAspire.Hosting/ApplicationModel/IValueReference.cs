namespace AirflowAspire.Hosting.ApplicationModel;

/// <summary>
/// A value that is only known where it is used: an endpoint's host or port, a parameter, a connection string.
/// It renders itself once per context, so a new renderer adds a context and no resource changes.
/// </summary>
public interface IValueReference
{
    /// <summary>The Aspire manifest placeholder, e.g. <c>{postgres.bindings.tcp.port}</c>.</summary>
    string ToManifestExpression();

    /// <summary>The concrete value for a local run, as seen by the given consumer.</summary>
    string ToLocalValue(LocalRenderContext context);

    /// <summary>The value inside a Kubernetes cluster.</summary>
    string ToClusterValue(ClusterRenderContext context);

    /// <summary>True when the value is, or contains, a secret.</summary>
    bool IsSecret { get; }

    /// <summary>The resources this value points at, for validation.</summary>
    IEnumerable<IResource> ReferencedResources { get; }
}

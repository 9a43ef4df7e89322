namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// A secret a value refers to as <c>$(VAR)</c>: the parameter's value, or (inside a URL) its percent-encoded
/// value, which <c>secrets.env</c> holds under a key of its own, since Kubernetes cannot encode when it expands.
/// </summary>
internal sealed record SecretReference(ParameterResource Parameter, bool UriEncoded)
{
    /// <summary>The suffix of the key of a percent-encoded value: <c>postgres-password.uri</c>.</summary>
    public const string UriKeySuffix = ".uri";

    /// <summary>The variable that carries the value for <c>$(VAR)</c> expansion.</summary>
    public string Variable => ClusterEnvironment.SecretVariable(Parameter) + (UriEncoded ? "_URI" : string.Empty);

    /// <summary>The key of the value inside the generated Secret.</summary>
    public string Key => KubernetesContext.SecretKey(Parameter) + (UriEncoded ? UriKeySuffix : string.Empty);
}

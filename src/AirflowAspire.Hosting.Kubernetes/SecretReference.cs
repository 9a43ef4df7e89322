namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// A secret a value refers to as <c>$(VAR)</c>: the parameter's value, or (inside a URL) its percent-encoded
/// value, which the Secret holds under a key of its own, since Kubernetes cannot encode when it expands. The one
/// place that names a secret's key in the Secret and the variable that carries it in a pod.
/// </summary>
internal sealed record SecretReference(ParameterResource Parameter, bool UriEncoded)
{
    /// <summary>The suffix of the key of a percent-encoded value: <c>postgres-password.uri</c>.</summary>
    public const string UriKeySuffix = ".uri";

    /// <summary>The key of a secret parameter's value inside the Secret (and <c>secrets.env</c>): the parameter's name.</summary>
    public static string KeyOf(ParameterResource parameter) => parameter.Name;

    /// <summary>The variable that carries the value for <c>$(VAR)</c> expansion.</summary>
    public string Variable =>
        "AIRFLOWASPIRE_SECRET_" + new string(Parameter.Name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_').ToArray()) +
        (UriEncoded ? "_URI" : string.Empty);

    /// <summary>The key of the value inside the Secret.</summary>
    public string Key => KeyOf(Parameter) + (UriEncoded ? UriKeySuffix : string.Empty);
}

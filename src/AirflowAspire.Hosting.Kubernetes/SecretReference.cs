namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>How a secret's value is written where a value refers to it.</summary>
internal enum SecretEncoding
{
    /// <summary>As it is.</summary>
    None,

    /// <summary>Percent-encoded, inside a URL.</summary>
    Uri,

    /// <summary>JSON-escaped, inside a JSON string (an Airflow connection).</summary>
    Json,
}

/// <summary>
/// A secret a value refers to as <c>$(VAR)</c>: the parameter's value, or (inside a URL or a JSON string) its
/// percent-encoded or JSON-escaped value, which the Secret holds under a key of its own, since Kubernetes cannot
/// encode when it expands. The one place that names a secret's key in the Secret and the variable that carries it
/// in a pod.
/// </summary>
internal sealed record SecretReference(ParameterResource Parameter, SecretEncoding Encoding = SecretEncoding.None)
{
    /// <summary>The suffix of the key of a percent-encoded value: <c>postgres-password.uri</c>.</summary>
    public const string UriKeySuffix = ".uri";

    /// <summary>The suffix of the key of a JSON-escaped value: <c>postgres-password.json</c>.</summary>
    public const string JsonKeySuffix = ".json";

    /// <summary>The key of a secret parameter's value inside the Secret (and <c>secrets.env</c>): the parameter's name.</summary>
    public static string KeyOf(ParameterResource parameter) => parameter.Name;

    /// <summary>The variable that carries the value for <c>$(VAR)</c> expansion.</summary>
    public string Variable =>
        "AIRFLOWASPIRE_SECRET_" + new string(Parameter.Name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_').ToArray()) +
        Encoding switch { SecretEncoding.Uri => "_URI", SecretEncoding.Json => "_JSON", _ => string.Empty };

    /// <summary>The key of the value inside the Secret.</summary>
    public string Key => KeyOf(Parameter) + Encoding switch { SecretEncoding.Uri => UriKeySuffix, SecretEncoding.Json => JsonKeySuffix, _ => string.Empty };
}

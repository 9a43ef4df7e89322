using System.Text;
using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Publishing;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// The tree's one Secret, which every secretKeyRef reads, made from the settled secret values: it gives both the
/// <c>secrets.env</c> that kustomize's secretGenerator turns into the Secret and the Secret object deploy applies,
/// so neither is read back from the other. Kustomize takes everything after the first '=' literally (quotes
/// included), so values are written as they are; a key or value the file cannot hold, or that the next publish
/// would read differently, is refused.
/// </summary>
internal sealed class KubernetesSecret
{
    /// <summary>The git-ignored env file, relative to the output folder, that holds the values.</summary>
    public const string EnvFile = "secrets.env";

    /// <param name="name">The Secret's name in the cluster.</param>
    /// <param name="values">Every secret the tree may refer to, settled.</param>
    /// <param name="encoded">The secrets some value holds inside a URL or a JSON string, whose encoded values the Secret holds too.</param>
    public KubernetesSecret(string name, SecretValueFile values, IEnumerable<SecretReference> encoded)
    {
        ThrowIfUnfit(values);
        Name = name;

        // The encoded values are derived, so every publish writes them anew.
        var derived = encoded
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => KeyValuePair.Create(s.Key, Encode(s, values[s.Parameter])));
        Data = [.. values.Entries.Select(e => KeyValuePair.Create(e.Key, e.Value)), .. derived];
    }

    public string Name { get; }

    /// <summary>Every key with its value, in the order <c>secrets.env</c> lists them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Data { get; }

    /// <summary>The text of <see cref="EnvFile"/>: one <c>KEY=value</c> line per key.</summary>
    public string EnvFileText() =>
        SecretValueFile.Header + string.Concat(Data.Select(entry => $"{entry.Key}={entry.Value}\n"));

    /// <summary>The Secret the secretGenerator makes of <see cref="EnvFile"/> (no hash suffix), without the tree's namespace and labels.</summary>
    public JsonObject ToObject()
    {
        var data = new JsonObject();
        foreach (var (key, value) in Data)
        {
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = Name },
            ["type"] = "Opaque",
            ["data"] = data,
        };
    }

    private static string Encode(SecretReference secret, string value) => secret.Encoding switch
    {
        SecretEncoding.Uri => Uri.EscapeDataString(value),
        SecretEncoding.Json => JsonStringValue.Escape(value),
        _ => value,
    };

    private static void ThrowIfUnfit(SecretValueFile values)
    {
        foreach (var (parameter, key, value) in values.Entries)
        {
            if (!IsEnvFileKey(key))
            {
                throw new DistributedApplicationException(
                    $"The secret '{parameter.Name}' cannot be a key of a Kubernetes Secret: keys are letters, digits, '-', '_' and '.', " +
                    "not starting with a digit; rename the parameter.");
            }

            if (value.Contains('\n') || value.Contains('\r'))
            {
                throw new DistributedApplicationException(
                    $"The value of '{parameter.Name}' spans several lines, which {EnvFile} cannot hold; supply it on one line.");
            }

            if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
            {
                throw new DistributedApplicationException(
                    $"The value of '{parameter.Name}' is wrapped in single quotes, which would be taken as quoting when it is read back from " +
                    $"{EnvFile}; supply it without them.");
            }
        }
    }

    private static bool IsEnvFileKey(string key) =>
        key.Length > 0 && !char.IsAsciiDigit(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}

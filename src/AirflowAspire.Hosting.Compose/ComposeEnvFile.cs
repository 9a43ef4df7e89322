using AirflowAspire.Hosting.Publishing;

namespace AirflowAspire.Hosting.Compose;

/// <summary>
/// The <c>.env</c> beside the compose file: compose reads it for interpolation, so the compose file says
/// <c>${POSTGRES_PASSWORD}</c> and only this git-ignored file holds the value.
/// </summary>
internal static class ComposeEnvFile
{
    public const string FileName = ".env";

    /// <summary>The parameter's variable: its name in upper snake case, <c>postgres-password</c> → <c>POSTGRES_PASSWORD</c>.</summary>
    public static string KeyFor(ParameterResource parameter)
    {
        var key = parameter.Name.Replace('-', '_').ToUpperInvariant();
        return char.IsAsciiDigit(key[0]) ? "_" + key : key;
    }

    /// <summary>The compose interpolation of the parameter's value.</summary>
    public static string Interpolation(ParameterResource parameter) => $"${{{KeyFor(parameter)}}}";

    /// <summary>The variable of the parameter's JSON-escaped value, for a secret inside JSON: <c>POSTGRES_PASSWORD_JSON</c>.</summary>
    public static string JsonKeyFor(ParameterResource parameter) => KeyFor(parameter) + "_JSON";

    /// <summary>The compose interpolation of the parameter's JSON-escaped value, which the .env holds beside the value.</summary>
    public static string JsonInterpolation(ParameterResource parameter) => $"${{{JsonKeyFor(parameter)}}}";

    /// <summary>
    /// Settles every secret's value (reusing <paramref name="path"/>, or new ones with <c>--rotate-secrets</c>) and
    /// returns the file's text: the secrets the services use, in the order they first appear, then any other of
    /// the model's. Compose reads a single-quoted value literally, <c>$</c> included, except a quote
    /// and a backslash (compose v1 unescapes <c>\\</c> and <c>\'</c>), so values with either are refused.
    /// </summary>
    public static string Render(ComposeProject project, DistributedApplicationModel model, string path, PublishSwitches options)
    {
        var secrets = SecretValueFile.Resolve(SecretParameters(project, model), path, KeyFor, options);
        if (secrets.Entries.FirstOrDefault(e => e.Value.IndexOfAny(['\'', '\\']) >= 0).Parameter is { } parameter)
        {
            throw new DistributedApplicationException(
                $"The value of '{parameter.Name}' contains a single quote or a backslash, which compose's .env cannot hold literally; choose a value without them.");
        }

        // The JSON-escaped values are derived, so every publish writes them anew. A value with '"' would need a
        // backslash, which the file cannot hold; such values are refused above with the same fix.
        var derived = string.Concat(project.JsonEncodedSecrets()
            .Select(p => $"{JsonKeyFor(p)}={Quote(JsonStringValue.Escape(secrets[p]), p)}\n"));
        return secrets.Render(value => Quote(value, null)) + derived;
    }

    private static string Quote(string value, ParameterResource? parameter) =>
        SecretValueFile.IsPlain(value) ? value
        : value.IndexOfAny(['\'', '\\']) < 0 ? $"'{value}'"
        : throw new DistributedApplicationException(
            $"The value of '{parameter?.Name}' holds a double quote or a control character, which an Airflow connection's JSON escapes " +
            "with a backslash, which compose's .env cannot hold literally; choose a value without them.");

    /// <summary>The secrets the compose file interpolates, and the model's own secret parameters.</summary>
    public static IEnumerable<ParameterResource> SecretParameters(ComposeProject project, DistributedApplicationModel model) =>
        project.Secrets().Concat(model.Resources.OfType<ParameterResource>());
}

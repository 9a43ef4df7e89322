using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AirflowAspire.Hosting.Airflow.Settings;

/// <summary>
/// A connection's <c>conn_extra</c>, which Astro CLI takes as a mapping or as a JSON string (<c>jsonString</c> in
/// settings/settings.go of astronomer/astro-cli), into <see cref="AirflowConnection.Extra"/>. Astro keeps only a
/// mapping's text values; here a number or a boolean stays one, a field with a secret's name (Airflow's rule,
/// <see cref="SensitiveFieldName"/>) becomes a secret parameter, and a nested value is refused in a mapping (a
/// JSON string can nest).
/// </summary>
internal static class ConnectionExtraReader
{
    public static IReadOnlyList<KeyValuePair<string, object>> Read(
        SettingsEntry entry, IResourceBuilder<AirflowResource> airflow, string connectionId)
    {
        const string Field = "conn_extra";
        return entry.Field(Field) switch
        {
            null or YamlScalarNode { Value: "" } => [],
            YamlMappingNode mapping => [.. FromMapping(entry, mapping, Secret)],
            YamlScalarNode { Value: { } json } scalar => [.. FromJson(entry, scalar, json, Secret)],
            var other => throw entry.Error(other, Field, "is a list: give a mapping of field: value, or a JSON object as a string"),
        };

        object Secret(string key, string value) => SettingsFileSecrets.Parameter(airflow, connectionId, key, value).Resource;
    }

    private static IEnumerable<KeyValuePair<string, object>> FromMapping(
        SettingsEntry entry, YamlMappingNode mapping, Func<string, string, object> secret)
    {
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (valueNode is not YamlScalarNode scalar)
            {
                throw entry.Error(valueNode, $"conn_extra.{key}", "holds a nested value: give conn_extra as a JSON string to nest values");
            }

            if (SettingsEntry.IsNull(scalar))
            {
                continue; // Astro leaves out what is not text, e.g. the template's unset example field.
            }

            var text = scalar.Value!;
            yield return new(key,
                SensitiveFieldName.Is(key) ? secret(key, text)
                : scalar.Style == ScalarStyle.Plain && JsonLiteral(text) is { } literal ? literal
                : text);
        }
    }

    private static IEnumerable<KeyValuePair<string, object>> FromJson(
        SettingsEntry entry, YamlScalarNode scalar, string json, Func<string, string, object> secret)
    {
        JsonObject extra;
        try
        {
            extra = JsonNode.Parse(json) as JsonObject
                ?? throw entry.Error(scalar, "conn_extra", "is not a JSON object: give {\"field\": \"value\", ...} or a mapping");
        }
        catch (JsonException error)
        {
            throw entry.Error(scalar, "conn_extra", $"is not valid JSON ({error.Message}): give a JSON object in single quotes, or a mapping");
        }

        foreach (var (key, value) in extra)
        {
            if (value is null)
            {
                continue;
            }

            var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
            if (SensitiveFieldName.Is(key) && text is null)
            {
                throw entry.Error(scalar, $"conn_extra.{key}", "holds a secret that is not a string: give it as a string, so it stays secret");
            }

            yield return new(key, text is null ? value.DeepClone() : SensitiveFieldName.Is(key) ? secret(key, text) : text);
        }
    }

    /// <summary>A plain YAML scalar that is a JSON number or boolean, written as one.</summary>
    private static JsonNode? JsonLiteral(string text) =>
        text is "true" or "false" || double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? TryParse(text)
            : null;

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null; // e.g. 0755 or .5, numbers to YAML, not to JSON: kept as text.
        }
    }
}

using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Airflow.Tests.Manifest.Conformance;

/// <summary>A string of a resource where Aspire tools resolve placeholders, e.g. <c>env.POSTGRES_PASSWORD</c>.</summary>
public sealed record ExpressionField(string Resource, string Field, string Text);

/// <summary>The strings Aspire tools resolve placeholders in: env values, args, connectionString and value.</summary>
public static class ManifestExpressionFields
{
    public static IEnumerable<ExpressionField> Of(string resourceName, JsonObject resource)
    {
        if (resource["env"] is JsonObject env)
        {
            foreach (var (key, value) in env)
            {
                if (AsString(value) is { } text)
                {
                    yield return new ExpressionField(resourceName, $"env.{key}", text);
                }
            }
        }

        if (resource["args"] is JsonArray args)
        {
            for (var i = 0; i < args.Count; i++)
            {
                if (AsString(args[i]) is { } text)
                {
                    yield return new ExpressionField(resourceName, $"args[{i}]", text);
                }
            }
        }

        foreach (var field in new[] { "connectionString", "value" })
        {
            if (AsString(resource[field]) is { } text)
            {
                yield return new ExpressionField(resourceName, field, text);
            }
        }
    }

    private static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

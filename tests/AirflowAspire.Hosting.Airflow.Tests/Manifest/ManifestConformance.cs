using System.Text.Json;
using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Airflow.Tests.Manifest.Conformance;

namespace AirflowAspire.Hosting.Airflow.Tests.Manifest;

/// <summary>
/// The one check every manifest test calls: the manifest is the subset of Aspire's format we promise
/// (<see cref="SchemaRule"/>), its placeholders resolve (<see cref="PlaceholderRule"/>) and its web bindings
/// are named so Aspire tools recognise them (<see cref="HttpBindingNameRule"/>).
/// </summary>
public static class ManifestConformance
{
    /// <summary>Throws <see cref="ManifestConformanceException"/> listing every broken rule, with the resource it concerns.</summary>
    public static void Assert(string manifestJson)
    {
        var violations = Check(manifestJson);
        if (violations.Count > 0)
        {
            throw new ManifestConformanceException(violations);
        }
    }

    public static IReadOnlyList<ConformanceViolation> Check(string manifestJson)
    {
        var violations = SchemaRule.Check(manifestJson).ToList();
        if (ResourcesOf(manifestJson) is { } resources)
        {
            violations.AddRange(PlaceholderRule.Check(resources));
            violations.AddRange(HttpBindingNameRule.Check(resources));
        }

        return violations;
    }

    private static JsonObject? ResourcesOf(string manifestJson)
    {
        try
        {
            return (JsonNode.Parse(manifestJson) as JsonObject)?["resources"] as JsonObject;
        }
        catch (JsonException)
        {
            return null; // the schema rule already reports the JSON as invalid
        }
    }
}

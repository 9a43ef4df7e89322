using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace AirflowAspire.Hosting.Tests.Manifest.Conformance;

/// <summary>
/// Rule (a): the manifest validates against <c>aspire-manifest-subset.schema.json</c>, our own schema of the
/// part of Aspire's manifest format this project writes, plus the rule that parameters are generated secrets.
/// </summary>
public static class SchemaRule
{
    public const string Name = "schema";

    public const string SchemaResourceName = "aspire-manifest-subset.schema.json";

    private static readonly Lazy<JsonSchema> Schema = new(Load);

    public static IEnumerable<ConformanceViolation> Check(string manifestJson)
    {
        JToken token;
        try
        {
            using var reader = new JsonTextReader(new StringReader(manifestJson)) { DateParseHandling = DateParseHandling.None };
            token = JToken.ReadFrom(reader);
        }
        catch (JsonException e)
        {
            return [new ConformanceViolation(Name, null, $"not valid JSON: {e.Message}")];
        }

        return Schema.Value.Validate(token)
            .SelectMany(SchemaErrorDescription.Flatten)
            .Select(e => new ConformanceViolation(Name, SchemaErrorDescription.ResourceOf(e), SchemaErrorDescription.Describe(e)))
            .Distinct()
            .ToList();
    }

    private static JsonSchema Load()
    {
        using var stream = typeof(SchemaRule).Assembly.GetManifestResourceStream(SchemaResourceName)
            ?? throw new InvalidOperationException($"The test assembly does not embed {SchemaResourceName}.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
    }
}

using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace AirflowAspire.Hosting.Airflow.Tests.Manifest.Conformance;

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

        var annotated = AnnotatedStrings.Remove(token);
        return annotated.Concat(Schema.Value.Validate(token)
            .SelectMany(error => SchemaErrorDescription.Flatten(error))
            .Select(e => new ConformanceViolation(Name, SchemaErrorDescription.ResourceOf(e), SchemaErrorDescription.Describe(e))))
            .Distinct()
            .ToList();
    }

    /// <summary>
    /// Aspire writes an <c>annotated.string</c> for a <c>:uri</c> placeholder of its own integrations' connection strings
    /// (RabbitMQ's); Aspirate skips it. Checked for its shape here and left out of the schema, which describes what we write.
    /// </summary>
    private static class AnnotatedStrings
    {
        public static List<ConformanceViolation> Remove(JToken manifest)
        {
            var violations = new List<ConformanceViolation>();
            if (manifest["resources"] is not JObject resources)
            {
                return violations;
            }

            foreach (var resource in resources.Properties().Where(p => p.Value["type"]?.ToString() == "annotated.string").ToList())
            {
                var keys = ((JObject)resource.Value).Properties().Select(p => p.Name).Order();
                if (!keys.SequenceEqual(["filter", "type", "value"]))
                {
                    violations.Add(new ConformanceViolation(Name, resource.Name, "an annotated.string holds exactly type, value and filter"));
                }

                resource.Remove();
            }

            return violations;
        }
    }

    private static JsonSchema Load()
    {
        using var stream = typeof(SchemaRule).Assembly.GetManifestResourceStream(SchemaResourceName)
            ?? throw new InvalidOperationException($"The test assembly does not embed {SchemaResourceName}.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
    }
}

using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Airflow.Tests.Manifest.Conformance;

/// <summary>Rule (c): a binding with scheme http or https is named <c>http</c> or <c>https</c>, as Aspire tools expect.</summary>
public static class HttpBindingNameRule
{
    public const string Name = "http-binding-name";

    private static readonly string[] HttpNames = ["http", "https"];

    public static IEnumerable<ConformanceViolation> Check(JsonObject resources) =>
        from resource in resources
        let bindings = (resource.Value as JsonObject)?["bindings"] as JsonObject
        where bindings is not null
        from binding in bindings
        let scheme = SchemeOf(binding.Value)
        where scheme is "http" or "https" && !HttpNames.Contains(binding.Key)
        select new ConformanceViolation(
            Name,
            resource.Key,
            $"binding '{binding.Key}' has scheme {scheme} but is not named 'http' or 'https'; rename it so Aspire tools treat it as a web endpoint");

    private static string? SchemeOf(JsonNode? binding) =>
        (binding as JsonObject)?["scheme"] is JsonValue value && value.TryGetValue<string>(out var scheme) ? scheme : null;
}

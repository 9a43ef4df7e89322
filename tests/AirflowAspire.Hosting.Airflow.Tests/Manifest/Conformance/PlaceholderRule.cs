using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Airflow.Tests.Manifest.Conformance;

/// <summary>
/// Rule (b): every placeholder has a form Aspire tools resolve and points at something the manifest declares:
/// an existing resource, a binding it has, a connection string it has, a parameter's value. <c>url</c> only on
/// bindings named <c>http</c>, the only ones Aspirate builds a URL for.
/// </summary>
public static class PlaceholderRule
{
    public const string Name = "placeholder";

    public static IEnumerable<ConformanceViolation> Check(JsonObject resources) =>
        from resource in resources
        where resource.Value is JsonObject
        from field in ManifestExpressionFields.Of(resource.Key, (JsonObject)resource.Value!)
        from token in PlaceholderScanner.Scan(field.Text)
        let problem = Problem(token, field, resources)
        where problem is not null
        select new ConformanceViolation(Name, resource.Key, $"{field.Field}: {problem}");

    private static string? Problem(PlaceholderToken token, ExpressionField field, JsonObject resources)
    {
        if (token.IsMalformed)
        {
            return $"{token.Problem} (in \"{field.Text}\")";
        }

        var written = $"{{{token.Text}}}";
        if (Placeholder.Parse(token.Text) is not { } placeholder)
        {
            return $"'{written}' is not a placeholder Aspire tools resolve; use {Placeholder.KnownForms}, and double literal braces";
        }

        if (resources[placeholder.Resource] is not JsonObject target)
        {
            return $"'{written}' refers to '{placeholder.Resource}', which is not a resource of this manifest";
        }

        return placeholder.Kind switch
        {
            PlaceholderKind.Binding => BindingProblem(written, placeholder, target),
            PlaceholderKind.ConnectionString when target["connectionString"] is null =>
                $"'{written}' refers to the connection string of '{placeholder.Resource}', which has none",
            // Aspire's own connection strings (RabbitMQ's) URL-encode a password through an annotated.string; Aspirate
            // resolves none, so it is allowed only there, never in what a container is given.
            PlaceholderKind.Value when TypeOf(target) == "annotated.string" && field.Field == "connectionString" => null,
            PlaceholderKind.Value when TypeOf(target) != "parameter.v0" =>
                $"'{written}' takes the value of '{placeholder.Resource}', a {TypeOf(target)}; only a parameter.v0 has a value",
            PlaceholderKind.InputValue when placeholder.Resource != field.Resource || field.Field != "value" || TypeOf(target) != "parameter.v0" =>
                $"'{written}' may appear only in the value of parameter '{placeholder.Resource}' itself; elsewhere write '{{{placeholder.Resource}.value}}'",
            _ => null,
        };
    }

    private static string? BindingProblem(string written, Placeholder placeholder, JsonObject target)
    {
        if ((target["bindings"] as JsonObject)?[placeholder.Binding!] is null)
        {
            var declared = (target["bindings"] as JsonObject)?.Select(b => b.Key).ToList() ?? [];
            return $"'{written}' refers to binding '{placeholder.Binding}', which '{placeholder.Resource}' does not declare " +
                $"(it has: {(declared.Count == 0 ? "no bindings" : string.Join(", ", declared))})";
        }

        return placeholder.Property == "url" && placeholder.Binding != "http"
            ? $"'{written}' asks for the url of binding '{placeholder.Binding}'; Aspirate builds a url only for a binding named 'http', " +
              "so compose it from scheme, host and port instead"
            : null;
    }

    private static string? TypeOf(JsonObject resource) =>
        resource["type"] is JsonValue value && value.TryGetValue<string>(out var type) ? type : null;
}

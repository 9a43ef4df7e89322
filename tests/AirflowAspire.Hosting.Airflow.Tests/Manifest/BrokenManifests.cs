using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Airflow.Tests.Manifest.Conformance;

namespace AirflowAspire.Hosting.Airflow.Tests.Manifest;

/// <summary>A manifest broken in exactly one way, and what the conformance check must say about it.</summary>
public sealed record BrokenManifest(string Rule, string? Resource, string MessageFragment, Action<JsonObject> Break)
{
    /// <summary>The conforming manifest with <see cref="Break"/> applied.</summary>
    public string ToJson()
    {
        var manifest = JsonNode.Parse(ConformingManifest.Json)!.AsObject();
        Break(manifest);
        return manifest.ToJsonString();
    }
}

/// <summary>One broken manifest per conformance rule, by name so each shows as its own test case.</summary>
public static class BrokenManifests
{
    private const string Schema = SchemaRule.Name;
    private const string Placeholder = PlaceholderRule.Name;
    private const string HttpName = HttpBindingNameRule.Name;

    public static readonly IReadOnlyDictionary<string, BrokenManifest> All = new Dictionary<string, BrokenManifest>
    {
        // (a) the schema: the subset of Aspire's format
        ["other $schema"] = new(Schema, null, "$schema", m => m["$schema"] = "https://example.com/schema.json"),
        ["unknown top-level property"] = new(Schema, null, "'version' is not allowed", m => m["version"] = 1),
        ["resource type outside the subset"] = new(Schema, "web", "project.v0", m => Web(m)["type"] = "project.v0"),
        ["container without image"] = new(Schema, "web", "'image' is required", m => Web(m).Remove("image")),
        ["container with a property Aspire forbids"] = new(Schema, "web", "'build' is not allowed", m => Web(m)["build"] = new JsonObject()),
        ["args not strings"] = new(Schema, "web", "args", m => Web(m)["args"] = new JsonArray(1, 2)),
        ["env value not a string"] = new(Schema, "web", "env.PORT", m => Env(m)["PORT"] = 8080),
        ["binding protocol not tcp/udp"] = new(Schema, "db", "bindings.tcp.protocol", m => DbBinding(m)["protocol"] = "http"),
        ["binding transport not http/http2/tcp"] = new(Schema, "db", "bindings.tcp.transport", m => DbBinding(m)["transport"] = "http3"),
        ["binding without target port"] = new(Schema, "db", "'targetPort' is required", m => DbBinding(m).Remove("targetPort")),
        ["binding port as text"] = new(Schema, "db", "bindings.tcp.targetPort", m => DbBinding(m)["targetPort"] = "5432"),
        ["binding port out of range"] = new(Schema, "db", "70000", m => DbBinding(m)["port"] = 70000),
        ["binding with unknown property"] = new(Schema, "db", "'hostPort' is not allowed", m => DbBinding(m)["hostPort"] = 5432),
        ["volume without readOnly"] = new(Schema, "db", "'readOnly' is required", m => Volume(m).Remove("readOnly")),
        ["volume without name"] = new(Schema, "db", "'name' is required", m => Volume(m).Remove("name")),
        ["bind mount without source"] = new(Schema, "web", "'source' is required", m => BindMount(m).Remove("source")),
        ["parameter without inputs"] = new(Schema, "db-password", "'inputs' is required", m => Parameter(m).Remove("inputs")),
        ["parameter without value"] = new(Schema, "db-password", "'value' is required", m => Parameter(m).Remove("value")),
        ["parameter input not a string"] = new(Schema, "db-password", "inputs.value.type", m => Input(m)["type"] = "number"),
        ["parameter input not secret"] = new(Schema, "db-password", "inputs.value.secret", m => Input(m)["secret"] = false),
        ["parameter input without secret"] = new(Schema, "db-password", "'secret' is required", m => Input(m).Remove("secret")),
        ["parameter default value"] = new(Schema, "smtp-password", "'value' is not allowed",
            m => Resource(m, "smtp-password")["inputs"]!["value"]!["default"] = new JsonObject { ["value"] = "hunter2" }),
        ["generated default without minLength"] = new(Schema, "db-password", "'minLength' is required",
            m => Input(m)["default"]!["generate"]!.AsObject().Remove("minLength")),
        ["value.v0 without connection string"] = new(Schema, "airflow-db", "'connectionString' is required",
            m => Resource(m, "airflow-db").Remove("connectionString")),

        // (b) placeholders resolve
        ["placeholder of a missing resource"] = new(Placeholder, "web", "'nosuch'", m => Env(m)["X"] = "{nosuch.connectionString}"),
        ["placeholder of a missing binding"] = new(Placeholder, "web", "binding 'postgres'", m => Env(m)["X"] = "{db.bindings.postgres.port}"),
        ["placeholder of an unknown binding property"] = new(Placeholder, "web", "{db.bindings.tcp.address}", m => Env(m)["X"] = "{db.bindings.tcp.address}"),
        ["placeholder of an unknown form"] = new(Placeholder, "web", "{db.password}", m => Env(m)["X"] = "{db.password}"),
        ["connection string of a resource without one"] = new(Placeholder, "web", "has none", m => Env(m)["X"] = "{web.connectionString}"),
        ["value of a resource that is not a parameter"] = new(Placeholder, "web", "only a parameter.v0 has a value", m => Env(m)["X"] = "{db.value}"),
        ["inputs.value outside the parameter"] = new(Placeholder, "web", "{db-password.value}", m => Env(m)["X"] = "{db-password.inputs.value}"),
        ["inputs.value of another parameter"] = new(Placeholder, "smtp-password", "parameter 'db-password' itself",
            m => Resource(m, "smtp-password")["value"] = "{db-password.inputs.value}"),
        ["url of a binding not named http"] = new(Placeholder, "web", "named 'http'", m => Env(m)["X"] = "{db.bindings.tcp.url}"),
        ["url of the https binding"] = new(Placeholder, "web", "named 'http'", m => Env(m)["X"] = "{web.bindings.https.url}"),
        ["unclosed brace"] = new(Placeholder, "web", "'{{'", m => Env(m)["X"] = "{\"a\": 1"),
        ["single closing brace"] = new(Placeholder, "web", "'}}'", m => Env(m)["X"] = "a}"),
        ["bad placeholder in args"] = new(Placeholder, "web", "args[1]", m => Web(m)["args"] = new JsonArray("-c", "{nosuch.value}")),
        ["bad placeholder in a connection string"] = new(Placeholder, "airflow-db", "connectionString",
            m => Resource(m, "airflow-db")["connectionString"] = "{nosuch.connectionString}"),

        // (c) web bindings are named http or https
        ["http binding with another name"] = new(HttpName, "web", "binding 'ui'",
            m => Bindings(m)["ui"] = new JsonObject { ["scheme"] = "http", ["protocol"] = "tcp", ["transport"] = "http", ["targetPort"] = 8081 }),
        ["https binding with another name"] = new(HttpName, "web", "binding 'secure'",
            m => Bindings(m)["secure"] = new JsonObject { ["scheme"] = "https", ["protocol"] = "tcp", ["transport"] = "http", ["targetPort"] = 8444 }),
    };

    public static TheoryData<string> Names => new(All.Keys);

    private static JsonObject Resource(JsonObject manifest, string name) => manifest["resources"]![name]!.AsObject();

    private static JsonObject Web(JsonObject manifest) => Resource(manifest, "web");

    private static JsonObject Env(JsonObject manifest) => Web(manifest)["env"]!.AsObject();

    private static JsonObject Bindings(JsonObject manifest) => Web(manifest)["bindings"]!.AsObject();

    private static JsonObject BindMount(JsonObject manifest) => Web(manifest)["bindMounts"]![0]!.AsObject();

    private static JsonObject DbBinding(JsonObject manifest) => Resource(manifest, "db")["bindings"]!["tcp"]!.AsObject();

    private static JsonObject Volume(JsonObject manifest) => Resource(manifest, "db")["volumes"]![0]!.AsObject();

    private static JsonObject Parameter(JsonObject manifest) => Resource(manifest, "db-password");

    private static JsonObject Input(JsonObject manifest) => Parameter(manifest)["inputs"]!["value"]!.AsObject();
}

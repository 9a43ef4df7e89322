using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Publishing.Manifest;
using static AirflowAspire.Bench.Manifest.BenchShape;

namespace AirflowAspire.Bench.Manifest;

/// <summary>
/// The baseline: the manifest ManifestRenderer writes for <see cref="BenchShape"/>, built directly as a
/// <see cref="JsonObject"/> and serialized the same way, with no model in between.
/// </summary>
internal static class HandBuiltManifest
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonObject Build()
    {
        var resources = new JsonObject { [ParameterName] = Parameter() };
        for (var i = 0; i < ContainerCount; i++)
        {
            resources[ContainerName(i)] = Container(i);
        }

        return new JsonObject { ["$schema"] = ManifestRenderer.SchemaUrl, ["resources"] = resources };
    }

    public static string Serialize(JsonObject manifest) =>
        manifest.ToJsonString(WriteOptions).ReplaceLineEndings("\n") + "\n";

    private static JsonObject Parameter() => new()
    {
        ["type"] = "parameter.v0",
        ["value"] = $"{{{ParameterName}.inputs.value}}",
        ["inputs"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "string", ["secret"] = true } },
    };

    private static JsonObject Container(int index)
    {
        var peerUrl = $"{{{ContainerName(PeerOf(index))}.bindings.{EndpointName}.url}}";
        var env = new JsonObject();
        for (var variable = 0; variable < EnvVarsPerContainer; variable++)
        {
            env[EnvVarName(variable)] = $"{peerUrl}/v{variable}?token={{{ParameterName}.value}}";
        }

        return new JsonObject
        {
            ["type"] = "container.v0",
            ["image"] = $"{Image(index)}:{ImageTag}",
            ["env"] = env,
            ["bindings"] = new JsonObject
            {
                [EndpointName] = new JsonObject
                {
                    ["scheme"] = EndpointScheme,
                    ["protocol"] = "tcp",
                    ["transport"] = "http",
                    ["targetPort"] = TargetPort,
                },
            },
        };
    }
}

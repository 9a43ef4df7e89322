using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Publishing.Manifest;

/// <summary>
/// Turns the model into Aspire's manifest format: containers as <c>container.v0</c>, secrets as
/// <c>parameter.v0</c>, other connection-string resources as <c>value.v0</c>. Only placeholders are written,
/// never a parameter's value.
/// </summary>
public static class ManifestRenderer
{
    public const string SchemaUrl = "https://json.schemastore.org/aspire-8.0.json";

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The manifest text. Bind mount sources are written relative to <paramref name="manifestDirectory"/>.</summary>
    public static string Render(DistributedApplicationModel model, string manifestDirectory)
    {
        var resources = new JsonObject();
        // Plain settings are written as text where they are used; only secrets are manifest parameters.
        foreach (var resource in model.Resources.Where(r => r is not ParameterResource { Secret: false }))
        {
            resources[resource.Name] = RenderResource(resource, model.ExecutionContext, manifestDirectory);
        }

        var manifest = new JsonObject { ["$schema"] = SchemaUrl, ["resources"] = resources };
        return manifest.ToJsonString(WriteOptions).ReplaceLineEndings("\n") + "\n";
    }

    private static JsonObject RenderResource(IResource resource, DistributedApplicationExecutionContext context, string manifestDirectory) =>
        resource switch
        {
            ContainerResource container => RenderContainer(container, context, manifestDirectory),
            ParameterResource parameter => RenderParameter(parameter),
            IResourceWithConnectionString withConnectionString => new JsonObject
            {
                ["type"] = "value.v0",
                ["connectionString"] = withConnectionString.ConnectionStringExpression.ToManifestExpression(),
            },
            _ => throw new DistributedApplicationException(
                $"{resource} has no form in the Aspire manifest: only containers, parameters and connection strings do."),
        };

    private static JsonObject RenderContainer(ContainerResource container, DistributedApplicationExecutionContext context, string manifestDirectory)
    {
        var json = new JsonObject { ["type"] = "container.v0" };
        if (container is IResourceWithConnectionString withConnectionString)
        {
            json["connectionString"] = withConnectionString.ConnectionStringExpression.ToManifestExpression();
        }

        json["image"] = container.Image.Reference;
        if (container.GetEntrypoint() is { } entrypoint)
        {
            json["entrypoint"] = entrypoint;
        }

        var args = container.GetArgs(context);
        if (args.Count > 0)
        {
            json["args"] = new JsonArray(args.Select(a => (JsonNode)a.ToManifestExpression()).ToArray());
        }

        AddMounts(json, container, manifestDirectory);

        var env = container.GetEnvironmentVariables(context);
        if (env.Count > 0)
        {
            json["env"] = new JsonObject(env.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value.ToManifestExpression())));
        }

        var endpoints = container.GetEndpoints();
        if (endpoints.Count > 0)
        {
            json["bindings"] = new JsonObject(endpoints.Select(e => KeyValuePair.Create(e.Name, (JsonNode?)RenderBinding(e))));
        }

        return json;
    }

    private static void AddMounts(JsonObject json, ContainerResource container, string manifestDirectory)
    {
        var mounts = container.GetMounts();
        var bindMounts = mounts.Where(m => m.Type == ContainerMountType.BindMount).ToList();
        if (bindMounts.Count > 0)
        {
            json["bindMounts"] = new JsonArray(bindMounts.Select(m => (JsonNode)new JsonObject
            {
                ["source"] = Path.GetRelativePath(manifestDirectory, m.Source).Replace('\\', '/'),
                ["target"] = m.Target,
                ["readOnly"] = m.IsReadOnly,
            }).ToArray());
        }

        var volumes = mounts.Where(m => m.Type == ContainerMountType.Volume).ToList();
        if (volumes.Count > 0)
        {
            json["volumes"] = new JsonArray(volumes.Select(m => (JsonNode)new JsonObject
            {
                ["name"] = m.Source,
                ["target"] = m.Target,
                ["readOnly"] = m.IsReadOnly,
            }).ToArray());
        }
    }

    private static JsonObject RenderBinding(EndpointAnnotation endpoint)
    {
        var binding = new JsonObject
        {
            ["scheme"] = endpoint.Scheme,
            ["protocol"] = endpoint.Protocol,
            ["transport"] = endpoint.Transport,
        };
        if (endpoint.IsExternal)
        {
            binding["external"] = true;
        }

        if (endpoint.Port is { } port)
        {
            binding["port"] = port;
        }

        binding["targetPort"] = endpoint.TargetPort;
        return binding;
    }

    private static JsonObject RenderParameter(ParameterResource parameter)
    {
        var input = new JsonObject { ["type"] = "string", ["secret"] = true };
        if (parameter.Generate is { } generate)
        {
            var spec = new JsonObject { ["minLength"] = generate.MinLength };
            AddIfFalse(spec, "lower", generate.Lower);
            AddIfFalse(spec, "upper", generate.Upper);
            AddIfFalse(spec, "numeric", generate.Numeric);
            AddIfFalse(spec, "special", generate.Special);
            input["default"] = new JsonObject { ["generate"] = spec };
        }

        var entry = new JsonObject
        {
            ["type"] = "parameter.v0",
            ["value"] = $"{{{parameter.Name}.inputs.value}}",
            ["inputs"] = new JsonObject { ["value"] = input },
        };
        if (parameter.IsConnectionString)
        {
            entry["connectionString"] = $"{{{parameter.Name}.value}}";
        }

        return entry;
    }

    private static void AddIfFalse(JsonObject spec, string name, bool allowed)
    {
        if (!allowed)
        {
            spec[name] = false;
        }
    }
}

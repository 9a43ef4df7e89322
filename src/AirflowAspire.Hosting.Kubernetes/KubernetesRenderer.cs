using System.Reflection;
using System.Text;
using k8s;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Renders the whole tree in memory for one server: every template's files, the generic containers,
/// <c>namespace.yaml</c>, <c>kustomization.yaml</c> and the Secret with its <c>secrets.env</c>, and the objects they
/// build to. Validates every object's name first, so an error leaves nothing half-written. Reads none of the files
/// it renders (the writer merges the folder's <c>.gitignore</c>), so deploy renders again for the server it finds.
/// </summary>
internal static class KubernetesRenderer
{
    public const string KustomizationFile = "kustomization.yaml";
    public const string NamespaceFile = "namespace.yaml";
    public const string GitIgnoreFile = ".gitignore";

    public static KubernetesTree Render(KustomizeInputs inputs, KubernetesServerFeatures server)
    {
        var context = new KubernetesContext(
            inputs.Model, inputs.ApplicationName, inputs.Namespace, inputs.NamePrefix, inputs.Configurations, inputs.Parameters, inputs.Secrets, server);
        var files = RenderFiles(context, KubernetesTemplates.Create());
        files.Insert(0, new KubernetesFile(NamespaceFile, [new V1Namespace { Metadata = new V1ObjectMeta { Name = context.Namespace } }]));
        foreach (var item in files.SelectMany(f => f.Objects))
        {
            SetTypeFields(item);
            OmitEmptyEnvironmentValues(item);
        }

        KubernetesNames.ThrowIfInvalid(files, context);
        ThrowIfDuplicatePaths(files);

        var secret = new KubernetesSecret(context.SecretName, context.SecretValues, context.EncodedSecrets);
        var tree = new List<KubernetesTreeFile>
        {
            new(KustomizationFile, Kustomization.Render(context, files)),
            new(KubernetesSecret.EnvFile, secret.EnvFileText(), Secret: true),
        };
        tree.AddRange(files.Select(f => new KubernetesTreeFile(f.Path, Serialize(f.Objects))));
        var target = new DeployTarget(context.Namespace, context.NamePrefix, context.Instance, Kustomization.CommonLabels(context));
        return new KubernetesTree(inputs.Directory, tree, KustomizeBuild.Objects(context, files, secret), target, context.Notes);
    }

    /// <summary>Objects as one YAML stream in the order given, documents separated by <c>---</c>.</summary>
    public static string Serialize(IEnumerable<IKubernetesObject> objects)
    {
        var text = new StringBuilder();
        foreach (var item in objects)
        {
            if (text.Length > 0)
            {
                text.Append("---\n");
            }

            var yaml = KubernetesYaml.Serialize(item).ReplaceLineEndings("\n");
            text.Append(yaml);
            if (!yaml.EndsWith('\n'))
            {
                text.Append('\n');
            }
        }

        return text.ToString();
    }

    private static List<KubernetesFile> RenderFiles(KubernetesContext context, IReadOnlyList<IKubernetesTemplate> templates)
    {
        var claimedBy = new Dictionary<IResource, IKubernetesTemplate>();
        foreach (var template in templates)
        {
            foreach (var resource in template.Claims(context))
            {
                if (!claimedBy.TryAdd(resource, template))
                {
                    throw new InvalidOperationException(
                        $"'{resource.Name}' is claimed by both {claimedBy[resource].GetType().Name} and {template.GetType().Name}.");
                }
            }
        }

        var generic = new ContainerKubernetesTemplate(
            context.Model.Resources.OfType<ContainerResource>().Where(c => !claimedBy.ContainsKey(c) && !c.IsExcludedFromPublish()).ToList());
        return [.. templates.Append(generic).SelectMany(t => t.Render(context))];
    }

    private static void ThrowIfDuplicatePaths(List<KubernetesFile> files)
    {
        var reserved = new[] { KustomizationFile, KubernetesSecret.EnvFile, GitIgnoreFile };
        foreach (var file in files)
        {
            if (file.Path.Contains('\\') || file.Path.StartsWith('/') || file.Path.Split('/').Contains(".."))
            {
                throw new InvalidOperationException($"'{file.Path}' is not a relative path with '/' separators.");
            }
        }

        if (files.Select(f => f.Path).Concat(reserved).GroupBy(p => p, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new DistributedApplicationException(
                $"Two parts of the model would both be written to '{duplicate.Key}'; rename one of the resources in the AppHost.");
        }
    }

    /// <summary>
    /// An empty variable is written without <c>value</c>, which means the same. The API server drops an empty value
    /// when it stores the object, so a server-side apply that sends one finds a change every time and the object's
    /// resourceVersion moves on each deploy of an unchanged model.
    /// </summary>
    private static void OmitEmptyEnvironmentValues(IKubernetesObject item)
    {
        foreach (var spec in Kustomization.PodSpecs(item))
        {
            foreach (var variable in (spec.InitContainers ?? []).Concat(spec.Containers ?? []).SelectMany(c => c.Env ?? []))
            {
                if (variable.Value is { Length: 0 })
                {
                    variable.Value = null;
                }
            }
        }
    }

    /// <summary>Fills apiVersion and kind from the object's type, so templates need not spell them.</summary>
    private static void SetTypeFields(IKubernetesObject item)
    {
        if (item.ApiVersion is not null && item.Kind is not null)
        {
            return;
        }

        var entity = item.GetType().GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{item.GetType().Name} sets no apiVersion and kind.");
        item.ApiVersion ??= string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";
        item.Kind ??= entity.Kind;
    }
}

using System.Reflection;
using System.Text;
using AirflowAspire.Hosting.Publishing;
using k8s;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Renders the whole tree in memory: every template's files, the generic containers, <c>namespace.yaml</c>,
/// <c>kustomization.yaml</c>, <c>secrets.env</c> and its <c>.gitignore</c>. Validates every object's name first,
/// so an error leaves nothing half-written.
/// </summary>
internal static class KubernetesRenderer
{
    public const string KustomizationFile = "kustomization.yaml";
    public const string NamespaceFile = "namespace.yaml";
    public const string GitIgnoreFile = ".gitignore";

    /// <param name="directory">The output folder, absolute.</param>
    public static KubernetesTree Render(KubernetesContext context, string directory)
    {
        var model = context.Model;
        var files = RenderFiles(context, KubernetesTemplates.Create());
        files.Insert(0, new KubernetesFile(NamespaceFile, [new V1Namespace { Metadata = new V1ObjectMeta { Name = context.Namespace } }]));
        foreach (var item in files.SelectMany(f => f.Objects))
        {
            SetTypeFields(item);
            OmitEmptyEnvironmentValues(item);
        }

        KubernetesNames.ThrowIfInvalid(files, context);
        ThrowIfDuplicatePaths(files);

        var secretsEnv = RenderSecrets(context.SecretValues, context.UriEncodedSecrets);
        var tree = new List<KubernetesTreeFile>
        {
            new(KustomizationFile, Kustomization.Render(context, files)),
            new(KubernetesContext.SecretsEnvFile, secretsEnv, Secret: true),
        };
        if (PublishedFiles.GitIgnoreListing(Path.Combine(directory, GitIgnoreFile), KubernetesContext.SecretsEnvFile) is { } gitIgnore)
        {
            tree.Add(new(GitIgnoreFile, gitIgnore));
        }

        tree.AddRange(files.Select(f => new KubernetesTreeFile(f.Path, Serialize(f.Objects))));
        var target = new DeployTarget(context.Namespace, context.NamePrefix, context.Instance, Kustomization.CommonLabels(context));
        return new KubernetesTree(directory, tree, KustomizeBuild.Objects(context, files, secretsEnv), target, context.Notes);
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

    /// <summary>
    /// The env file kustomize's secretGenerator reads. Kustomize takes everything after the first '=' literally
    /// (quotes included), so values are written as they are; a value kustomize or the next publish would read
    /// differently is refused.
    /// </summary>
    private static string RenderSecrets(SecretValueFile secrets, IReadOnlyCollection<ParameterResource> uriEncoded)
    {
        foreach (var (parameter, key, value) in secrets.Entries)
        {
            if (!IsEnvFileKey(key))
            {
                throw new DistributedApplicationException(
                    $"The secret '{parameter.Name}' cannot be a key of a Kubernetes Secret: keys are letters, digits, '-', '_' and '.', " +
                    "not starting with a digit; rename the parameter.");
            }

            if (value.Contains('\n') || value.Contains('\r'))
            {
                throw new DistributedApplicationException(
                    $"The value of '{parameter.Name}' spans several lines, which {KubernetesContext.SecretsEnvFile} cannot hold; supply it on one line.");
            }

            if (value.Length >= 2 && value[0] == '\'' && value[^1] == '\'')
            {
                throw new DistributedApplicationException(
                    $"The value of '{parameter.Name}' is wrapped in single quotes, which would be taken as quoting when it is read back from " +
                    $"{KubernetesContext.SecretsEnvFile}; supply it without them.");
            }
        }

        // The percent-encoded values that URLs expand; derived, so every publish writes them anew.
        var encoded = uriEncoded
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"{new SecretReference(p, UriEncoded: true).Key}={Uri.EscapeDataString(secrets[p])}\n");
        return secrets.Render(value => value) + string.Concat(encoded);
    }

    private static bool IsEnvFileKey(string key) =>
        key.Length > 0 && !char.IsAsciiDigit(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static void ThrowIfDuplicatePaths(List<KubernetesFile> files)
    {
        var reserved = new[] { KustomizationFile, KubernetesContext.SecretsEnvFile, GitIgnoreFile };
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

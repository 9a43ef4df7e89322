using System.Text.RegularExpressions;
using AirflowAspire.Hosting.Publishing;
using k8s;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// The rules Kubernetes sets for the names the publisher writes: the namespace, the name prefix, object
/// names, port names. Each check throws with the thing named and the fix.
/// </summary>
internal static partial class KubernetesNames
{
    /// <summary>The namespace when neither <c>--namespace</c> nor a template (a KubernetesExecutor) names one.</summary>
    public const string DefaultNamespace = "airflow";

    public const int MaxLabelLength = DnsLabel.MaxLength;

    /// <summary>
    /// A StatefulSet's pods carry the label <c>controller-revision-hash: &lt;name&gt;-&lt;hash&gt;</c>, whose value
    /// may not exceed 63 characters; the hash takes up to 11 of them.
    /// </summary>
    public const int MaxStatefulSetNameLength = 52;

    /// <summary>The longest port name Kubernetes accepts (an IANA service name).</summary>
    public const int MaxPortNameLength = 15;

    /// <summary>
    /// <c>--name-prefix</c> as written before every object name: "" for none; otherwise a DNS label start
    /// followed by '-', which is appended unless the prefix ends with one.
    /// </summary>
    public static string NamePrefix(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            return string.Empty;
        }

        if (!PrefixPattern().IsMatch(prefix) || prefix.Length >= MaxLabelLength)
        {
            var suggestion = DnsLabel.Sanitize(prefix);
            throw new DistributedApplicationException(
                $"The name prefix '{prefix}' (--name-prefix) cannot start a Kubernetes name: use lowercase letters, digits and '-', " +
                "starting with a letter, e.g. --name-prefix team-a" +
                (suggestion.Length > 0 && char.IsAsciiLetterLower(suggestion[0]) ? $" (try '{suggestion}')." : "."));
        }

        return prefix.EndsWith('-') ? prefix : prefix + "-";
    }

    /// <summary>
    /// The namespace everything is deployed to: <c>--namespace</c>, else the namespace a template requires
    /// (<see cref="IKubernetesTemplate.RequiredNamespace"/>: the KubernetesExecutor's task namespace), else
    /// <see cref="DefaultNamespace"/>. A template throws when <c>--namespace</c> differs from the one it requires.
    /// </summary>
    public static string Namespace(DistributedApplicationModel model, string? requested)
    {
        if (requested is not null && !DnsLabel.IsValid(requested))
        {
            throw new DistributedApplicationException(
                $"The namespace '{requested}' (--namespace) is not a Kubernetes namespace name: use 1-63 lowercase letters, digits and '-', " +
                "starting and ending with a letter or digit, e.g. --namespace airflow.");
        }

        var required = KubernetesTemplates.Create()
            .Select(t => t.RequiredNamespace(model, requested))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (required.Count > 1)
        {
            throw new DistributedApplicationException(
                $"Parts of the model must be deployed to different namespaces ({string.Join(", ", required)}), but one publish deploys to one " +
                "namespace; publish them separately.");
        }

        return required.FirstOrDefault() ?? requested ?? DefaultNamespace;
    }

    /// <summary>A container port's name for an endpoint: lowercase, at most 15 characters, with a letter.</summary>
    public static string PortName(IResource resource, EndpointAnnotation endpoint)
    {
        var name = DnsLabel.Sanitize(endpoint.Name);
        name = name.Length > MaxPortNameLength ? name[..MaxPortNameLength].TrimEnd('-') : name;
        name = DoubleDash().Replace(name, "-");
        return name.Length > 0 && name.Any(char.IsAsciiLetter)
            ? name
            : throw new DistributedApplicationException(
                $"The endpoint '{endpoint.Name}' of '{resource.Name}' has no name Kubernetes accepts for a port; name it with letters, e.g. WithEndpoint(\"tcp\", ...).");
    }

    /// <summary>Checks every object's name against what Kubernetes accepts, and that no two objects share a kind and name.</summary>
    public static void ThrowIfInvalid(IEnumerable<KubernetesFile> files, KubernetesContext context)
    {
        if (context.Instance.Length > MaxLabelLength)
        {
            throw new DistributedApplicationException(
                $"The name prefix '{context.NamePrefix}' with the application name '{context.ApplicationName}' makes the label " +
                $"{KubernetesContext.InstanceLabel}={context.Instance} longer than {MaxLabelLength} characters; use a shorter --name-prefix.");
        }

        var seen = new Dictionary<(string Kind, string Name), string>();
        foreach (var file in files)
        {
            foreach (var item in file.Objects)
            {
                var metadata = (item as IMetadata<V1ObjectMeta>)?.Metadata;
                var name = metadata?.Name
                    ?? throw new InvalidOperationException($"An object of kind {item.Kind} in {file.Path} has no name.");
                var kind = item.Kind ?? item.GetType().Name;
                var limit = kind == V1StatefulSet.KubeKind ? MaxStatefulSetNameLength : MaxLabelLength;
                if (name.Length > limit || !DnsLabel.IsValid(name) || (kind == V1Service.KubeKind && !char.IsAsciiLetter(name[0])))
                {
                    var fix = context.NamePrefix.Length > 0
                        ? $"use a shorter --name-prefix than '{context.NamePrefix}', or a shorter resource name in the AppHost"
                        : "use a shorter resource name in the AppHost";
                    throw new DistributedApplicationException(
                        $"The {kind} '{name}' ({file.Path}) is not a valid Kubernetes name: it must be a DNS label of at most {limit} characters" +
                        (kind == V1Service.KubeKind ? " starting with a letter" : string.Empty) + $", and it has {name.Length}; {fix}.");
                }

                if (!seen.TryAdd((kind, name), file.Path))
                {
                    throw new DistributedApplicationException(
                        $"Two objects would both be the {kind} '{name}' ({seen[(kind, name)]} and {file.Path}); rename one of the resources in the AppHost.");
                }
            }
        }
    }

    [GeneratedRegex("^[a-z][-a-z0-9]*$")]
    private static partial Regex PrefixPattern();

    [GeneratedRegex("-{2,}")]
    private static partial Regex DoubleDash();
}

using System.Text.Json.Nodes;
using k8s;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// What <c>kubectl kustomize</c> builds from the published tree, made in memory from the same objects: the
/// namespace set on every namespaced object, the common labels on every object, pod template and volume claim
/// template, and the Secret the secretGenerator makes from <c>secrets.env</c>, made from the same values
/// (<see cref="KubernetesSecret"/>), never read back from the file. The <c>images:</c> entries and replacements of a
/// fresh tree change nothing, since the objects already hold what they say. Deploy applies these objects, so a
/// deployed cluster and <c>kubectl apply -k</c> of the tree agree; a test holds the two side by side.
/// </summary>
internal static class KustomizeBuild
{
    private static readonly HashSet<string> WorkloadsWithTemplates = new(StringComparer.Ordinal)
    {
        "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController",
    };

    public static IReadOnlyList<JsonObject> Objects(KubernetesContext context, IReadOnlyList<KubernetesFile> files, KubernetesSecret secret)
    {
        var labels = Kustomization.CommonLabels(context);
        var objects = files
            .SelectMany(f => f.Objects)
            .Select(item => (JsonObject)JsonNode.Parse(KubernetesJson.Serialize(item))!)
            .Append(secret.ToObject())
            .ToList();
        foreach (var item in objects)
        {
            var kind = (string?)item["kind"];
            var metadata = item.Object("metadata");
            if (!ClusterKinds.IsClusterScoped(kind))
            {
                metadata["namespace"] = context.Namespace;
            }

            AddLabels(metadata, labels);
            foreach (var template in TemplateMetadata(item, kind))
            {
                AddLabels(template, labels);
            }
        }

        return objects;
    }

    private static IEnumerable<JsonObject> TemplateMetadata(JsonObject item, string? kind)
    {
        if (kind is not null && WorkloadsWithTemplates.Contains(kind) && item["spec"]?["template"] is JsonObject template)
        {
            yield return template.Object("metadata");
        }

        if (kind == "StatefulSet" && item["spec"]?["volumeClaimTemplates"] is JsonArray claims)
        {
            foreach (var claim in claims.OfType<JsonObject>())
            {
                yield return claim.Object("metadata");
            }
        }

        if (kind == "CronJob" && item["spec"]?["jobTemplate"] is JsonObject jobTemplate)
        {
            yield return jobTemplate.Object("metadata");
            if (jobTemplate["spec"]?["template"] is JsonObject podTemplate)
            {
                yield return podTemplate.Object("metadata");
            }
        }
    }

    private static void AddLabels(JsonObject metadata, IReadOnlyDictionary<string, string> labels)
    {
        var target = metadata.Object("labels");
        foreach (var (key, value) in labels)
        {
            target[key] = value;
        }
    }
}

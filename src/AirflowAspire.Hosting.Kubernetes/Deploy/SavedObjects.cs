using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Objects as a rollback point keeps them: read back from the cluster, stripped of what the server made of them
/// (status, bookkeeping, assigned addresses, controller-set labels and annotations), so applying them again makes
/// them what deploy made; stored as a gzipped JSON array, as Helm keeps a release in its Secret.
/// </summary>
internal static class SavedObjects
{
    private static readonly string[] ServerMetadata = ["managedFields", "resourceVersion", "uid", "creationTimestamp", "generation", "selfLink", "finalizers", "ownerReferences"];

    /// <summary>Annotations and labels a controller sets, which deploy never applies.</summary>
    private static readonly string[] ControllerAnnotations =
    [
        "deployment.kubernetes.io/revision", "kubectl.kubernetes.io/last-applied-configuration",
        "pv.kubernetes.io/bind-completed", "pv.kubernetes.io/bound-by-controller", "volume.beta.kubernetes.io/storage-provisioner",
        "volume.kubernetes.io/storage-provisioner", "volume.kubernetes.io/selected-node",
    ];

    private static readonly string[] JobLabels = ["controller-uid", "job-name", "batch.kubernetes.io/controller-uid", "batch.kubernetes.io/job-name"];

    /// <summary>The live object as deploy would apply it again.</summary>
    public static JsonObject Strip(JsonObject live)
    {
        var item = (JsonObject)live.DeepClone();
        item.Remove("status");
        if (item["metadata"] is JsonObject metadata)
        {
            ServerMetadata.ToList().ForEach(f => metadata.Remove(f));
            RemoveKeys(metadata["annotations"] as JsonObject, ControllerAnnotations);
            if (metadata["annotations"] is JsonObject { Count: 0 })
            {
                metadata.Remove("annotations");
            }
        }

        var spec = item["spec"] as JsonObject;
        switch ((string?)item["kind"])
        {
            // A headless Service's "None" is the model's; any other address the server assigned.
            case "Service" when !IsHeadless(spec):
                spec?.Remove("clusterIP");
                spec?.Remove("clusterIPs");
                break;
            case "PersistentVolumeClaim":
                spec?.Remove("volumeName");
                break;
            case "ServiceAccount":
                item.Remove("secrets");
                break;
            case "Job":
                // The Job controller picks the selector and labels the pods with the Job's uid.
                spec?.Remove("selector");
                RemoveKeys(spec?["template"]?["metadata"]?["labels"] as JsonObject, JobLabels);
                break;
            case "StatefulSet":
                foreach (var template in (spec?["volumeClaimTemplates"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    template.Remove("status");
                }

                break;
        }

        return item;
    }

    public static string Encode(IEnumerable<JsonObject> objects)
    {
        var json = new JsonArray([.. objects.Select(o => (JsonNode)o.DeepClone())]).ToJsonString();
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }

        return Convert.ToBase64String(buffer.ToArray());
    }

    /// <summary>The objects <see cref="Encode"/> wrote; throws, naming what holds them, when the text is no such thing.</summary>
    public static IReadOnlyList<JsonObject> Decode(string base64, string holder)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(Convert.FromBase64String(base64)), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            return JsonNode.Parse(reader.ReadToEnd()) is JsonArray array && array.All(o => o is JsonObject)
                ? [.. array.Select(o => (JsonObject)o!.DeepClone())]
                : throw new InvalidDataException("not a JSON array of objects");
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new DistributedApplicationException($"{holder} holds no saved objects deploy can read ({e.Message}); someone may have edited it. Nothing was rolled back.", e);
        }
    }

    private static bool IsHeadless(JsonObject? serviceSpec) => serviceSpec?["clusterIP"] is JsonValue address && address.ToString() == "None";

    private static void RemoveKeys(JsonObject? map, IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            map?.Remove(key);
        }
    }
}

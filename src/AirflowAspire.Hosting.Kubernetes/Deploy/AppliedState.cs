using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Whether the server already holds what an apply would make of an object: the server's dry-run result and the
/// live object alike, bookkeeping and status aside. Some servers (1.20 among them) rewrite an object on every
/// server-side apply of a StatefulSet with volume claim templates, or of a field they drop (an alpha field
/// such as a Job's ttlSecondsAfterFinished), so deploy sends nothing for such an object rather than move its
/// resourceVersion on for no change.
/// </summary>
internal static class AppliedState
{
    public static bool Same(JsonObject live, JsonObject wouldBe) => JsonNode.DeepEquals(Content(live), Content(wouldBe));

    private static JsonObject Content(JsonObject item)
    {
        var copy = (JsonObject)item.DeepClone();
        copy.Remove("status");
        if (copy["metadata"] is JsonObject metadata)
        {
            metadata.Remove("managedFields");
            metadata.Remove("resourceVersion");
        }

        return copy;
    }
}

using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Fits the objects to the server that will hold them, before anything is applied: a kind the server serves only
/// in an older API version moves to that version (the fields the publisher writes mean the same there), and a kind
/// the server lacks altogether stops the deploy, naming it and what provides it. What changes with the server's
/// features rather than its API versions (native sidecars) is rendered for it in the first place.
/// </summary>
internal static class ServerAdaptation
{
    private static readonly Dictionary<(string ApiVersion, string Kind), string[]> OlderVersions = new()
    {
        [("policy/v1", "PodDisruptionBudget")] = ["policy/v1beta1"],
        [("autoscaling/v2", "HorizontalPodAutoscaler")] = ["autoscaling/v2beta2"],
        [("batch/v1", "CronJob")] = ["batch/v1beta1"],
    };

    private static readonly Dictionary<string, string> Providers = new(StringComparer.Ordinal)
    {
        ["ScaledObject"] = "install KEDA (https://keda.sh/docs/deploy/) in the cluster, or scale workers with WithWorkerAutoscaling() instead of WithKedaAutoscaling()",
    };

    /// <returns>The objects as they will be applied, and a note for each change.</returns>
    public static (IReadOnlyList<JsonObject> Objects, IReadOnlyList<string> Notes) Adapt(
        IReadOnlyList<JsonObject> objects, ServedApis served, string server)
    {
        var adapted = new List<JsonObject>();
        var notes = new List<string>();
        var missing = new List<string>();
        foreach (var original in objects)
        {
            var item = (JsonObject)original.DeepClone();
            var key = ObjectKey.Of(item);
            if (!served.Serves(key.ApiVersion))
            {
                var older = OlderVersions.GetValueOrDefault((key.ApiVersion, key.Kind), []).FirstOrDefault(served.Serves);
                if (older is null)
                {
                    missing.Add($"{key} needs {key.Kind} ({key.ApiVersion})" +
                        (Providers.TryGetValue(key.Kind, out var provider) ? $": {provider}" : "; the server serves no version of it"));
                    continue;
                }

                item["apiVersion"] = older;
                notes.Add($"{key}: {served.GitVersion} does not serve {key.ApiVersion}; applied as {older}.");
            }

            adapted.Add(item);
        }

        if (missing.Count > 0)
        {
            throw new DistributedApplicationException(
                $"The cluster at {server} (Kubernetes {served.GitVersion}) lacks what the model needs, so nothing was applied: " +
                string.Join("; ", missing) + ".");
        }

        return (adapted, notes);
    }
}

using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Before Kubernetes 1.29 an init container with <c>restartPolicy: Always</c> is refused. Such a sidecar runs just
/// as well as a plain container of the pod when no init container comes after it; when one does, that one needs
/// the sidecar running and cannot have it on an older server, so the deploy stops and says so.
/// </summary>
internal static class NativeSidecars
{
    public static IEnumerable<string> MakePlain(JsonObject item, ObjectKey key, string serverVersion)
    {
        var notes = new List<string>();
        foreach (var spec in PodSpecs(item))
        {
            if (spec["initContainers"] is not JsonArray inits)
            {
                continue;
            }

            var sidecars = inits.OfType<JsonObject>().Where(c => (string?)c["restartPolicy"] == "Always").ToList();
            if (sidecars.Count == 0)
            {
                continue;
            }

            var lastSidecar = inits.IndexOf(sidecars[^1]);
            var needing = inits.OfType<JsonObject>().Skip(lastSidecar + 1).Select(c => (string?)c["name"]).ToList();
            if (needing.Count > 0)
            {
                throw new DistributedApplicationException(
                    $"{key} runs {string.Join(", ", sidecars.Select(c => $"'{c["name"]}'"))} as a native sidecar that its init container(s) " +
                    $"{string.Join(", ", needing.Select(n => $"'{n}'"))} need, and Kubernetes {serverVersion} has no native sidecars (1.29 and later do). " +
                    "Nothing was applied. Deploy to a 1.29+ cluster, or run that server as its own workload (for Airflow: drop PublishAsStandalonePod).");
            }

            var containers = spec["containers"] as JsonArray ?? [];
            foreach (var sidecar in sidecars)
            {
                inits.Remove(sidecar);
                sidecar.Remove("restartPolicy");
                containers.Add(sidecar);
                notes.Add($"{key}: {serverVersion} has no native sidecars; '{sidecar["name"]}' runs as a plain container of the pod.");
            }

            if (inits.Count == 0)
            {
                spec.Remove("initContainers");
            }
        }

        return notes;
    }

    private static IEnumerable<JsonObject> PodSpecs(JsonObject item)
    {
        var spec = item["spec"];
        var candidates = new[] { spec?["template"]?["spec"], spec?["jobTemplate"]?["spec"]?["template"]?["spec"], (string?)item["kind"] == "Pod" ? spec : null };
        return candidates.OfType<JsonObject>();
    }
}

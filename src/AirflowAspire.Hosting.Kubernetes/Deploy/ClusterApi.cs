using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// The few calls deploy makes, for any kind: server-side apply with one field manager, get, list by label and
/// delete; plus pods and their logs. Errors come back as <see cref="ClusterApiException"/> with the server's
/// own message, and for an apply that conflicts with another field manager, each conflicting field and its manager.
/// </summary>
internal sealed class ClusterApi(k8s.Kubernetes client, string server)
{
    public const string FieldManager = "airflowaspire";

    private readonly ApiResources resources = new(client);

    public IKubernetes Client { get; } = client;

    /// <summary>The REST name (plural) and scope of the object's kind, as the server lists them.</summary>
    public Task<(string Plural, bool Namespaced)> ResourceAsync(ObjectKey key, CancellationToken cancellationToken) =>
        resources.OfAsync(key, cancellationToken);

    /// <summary>The API server's address, for messages.</summary>
    public string Server { get; } = server;

    /// <param name="force">
    /// Take over fields another field manager set to other values; without it the server refuses such an apply with 409
    /// Conflict. Fields this manager set alone it changes either way.
    /// </param>
    public async Task<JsonObject> ApplyAsync(JsonObject item, bool dryRun, bool force, CancellationToken cancellationToken)
    {
        var key = ObjectKey.Of(item);
        var (plural, namespaced) = await ResourceAsync(key, cancellationToken);
        var body = new V1Patch(item.ToJsonString(), V1Patch.PatchType.ApplyPatch);
        var dry = dryRun ? "All" : null;
        return await Call(key, "apply", () => namespaced
            ? Client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonObject>(
                body, key.Group, key.Version, key.Namespace, plural, key.Name, dryRun: dry, fieldManager: FieldManager, force: force, cancellationToken: cancellationToken)
            : Client.CustomObjects.PatchClusterCustomObjectAsync<JsonObject>(
                body, key.Group, key.Version, plural, key.Name, dryRun: dry, fieldManager: FieldManager, force: force, cancellationToken: cancellationToken));
    }

    /// <summary>The object as the server has it; null when there is none.</summary>
    public async Task<JsonObject?> GetAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        try
        {
            var (plural, namespaced) = await ResourceAsync(key, cancellationToken);
            return await Call(key, "read", () => namespaced
                ? Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(key.Group, key.Version, key.Namespace, plural, key.Name, cancellationToken)
                : Client.CustomObjects.GetClusterCustomObjectAsync<JsonObject>(key.Group, key.Version, plural, key.Name, cancellationToken));
        }
        catch (ClusterApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Deletes the object; true when it was there. With <paramref name="foreground"/> the object stays until its
    /// dependents (a workload's pods) are gone, so waiting for it waits for them too.
    /// </summary>
    public async Task<bool> DeleteAsync(ObjectKey key, CancellationToken cancellationToken, bool foreground = false)
    {
        var propagation = foreground ? "Foreground" : "Background";
        try
        {
            var (plural, namespaced) = await ResourceAsync(key, cancellationToken);
            await Call(key, "delete", () => namespaced
                ? Client.CustomObjects.DeleteNamespacedCustomObjectAsync<JsonObject>(
                    key.Group, key.Version, key.Namespace, plural, key.Name, propagationPolicy: propagation, cancellationToken: cancellationToken)
                : Client.CustomObjects.DeleteClusterCustomObjectAsync<JsonObject>(
                    key.Group, key.Version, plural, key.Name, propagationPolicy: propagation, cancellationToken: cancellationToken));
            return true;
        }
        catch (ClusterApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<V1Pod>> PodsAsync(string @namespace, string labelSelector, CancellationToken cancellationToken)
    {
        var pods = await Call(new ObjectKey("v1", "Pod", @namespace, labelSelector), "list", () =>
            Client.CoreV1.ListNamespacedPodAsync(@namespace, labelSelector: labelSelector, cancellationToken: cancellationToken));
        return pods.Items.ToList();
    }

    public async Task<IReadOnlyList<Corev1Event>> EventsAsync(string @namespace, string involvedName, CancellationToken cancellationToken)
    {
        var events = await Call(new ObjectKey("v1", "Event", @namespace, involvedName), "list", () =>
            Client.CoreV1.ListNamespacedEventAsync(@namespace, fieldSelector: $"involvedObject.name={involvedName}", cancellationToken: cancellationToken));
        return events.Items.ToList();
    }

    /// <summary>Everything a container wrote, for a short-lived pod whose whole output is the answer.</summary>
    public async Task<string> LogAsync(string @namespace, string pod, string container, CancellationToken cancellationToken)
    {
        using var stream = await Call(new ObjectKey("v1", "Pod", @namespace, pod), "read the log of", () =>
            Client.CoreV1.ReadNamespacedPodLogAsync(pod, @namespace, container: container, cancellationToken: cancellationToken));
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>The last lines a container wrote (its previous run's with <paramref name="previous"/>); empty when there are none to read.</summary>
    public async Task<string> LogTailAsync(string @namespace, string pod, string container, bool previous, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = await Client.CoreV1.ReadNamespacedPodLogAsync(
                pod, @namespace, container: container, previous: previous, tailLines: 20, cancellationToken: cancellationToken);
            using var reader = new StreamReader(stream);
            return (await reader.ReadToEndAsync(cancellationToken)).TrimEnd();
        }
        catch (HttpOperationException)
        {
            return string.Empty;
        }
    }

    private async Task<T> Call<T>(ObjectKey key, string verb, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (HttpOperationException e)
        {
            throw new ClusterApiException(key, verb, e.Response.StatusCode, ServerMessage(e.Response.Content) ?? e.Message, e)
            {
                Conflicts = FieldConflicts(e.Response.Content),
            };
        }
        catch (HttpRequestException e)
        {
            throw new ClusterApiException(key, verb, null, $"the API server at {Server} cannot be reached ({e.Message})", e);
        }
    }

    /// <summary>
    /// The fields of a server-side apply's 409 Status, each with the manager that set it: the causes whose reason is
    /// FieldManagerConflict, whose message reads <c>conflict with "kubectl-edit" using v1</c>.
    /// </summary>
    private static IReadOnlyList<string> FieldConflicts(string? content)
    {
        try
        {
            var causes = string.IsNullOrWhiteSpace(content) ? null : JsonNode.Parse(content)?["details"]?["causes"] as JsonArray;
            return (causes ?? [])
                .Where(c => (string?)c?["reason"] == "FieldManagerConflict")
                .Select(c => $"{(string?)c?["field"]} (set by {Manager((string?)c?["message"])})")
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string Manager(string? conflictMessage) =>
        conflictMessage is not null && conflictMessage.IndexOf('"') is >= 0 and var start && conflictMessage.IndexOf('"', start + 1) is > 0 and var end
            ? conflictMessage[(start + 1)..end]
            : conflictMessage ?? "another manager";

    /// <summary>The <c>message</c> of a Kubernetes Status body.</summary>
    private static string? ServerMessage(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(content)?["message"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            return content.Length > 300 ? content[..300] : content;
        }
    }
}

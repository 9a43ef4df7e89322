using k8s;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Asks the API server, before anything is applied, whether the user may create and patch every kind deploy will
/// apply (a SelfSubjectAccessReview each), so a missing right stops the deploy with nothing half-applied.
/// </summary>
internal static class AccessCheck
{
    public static async Task ThrowIfForbiddenAsync(
        ClusterApi api, IEnumerable<ObjectKey> objects, string @namespace, bool namespaceExists, CancellationToken cancellationToken)
    {
        var denied = new List<string>();
        if (!namespaceExists && !await AllowedAsync(api, string.Empty, "namespaces", "create", null, cancellationToken))
        {
            denied.Add($"create the namespace '{@namespace}'");
        }

        var kinds = objects.Where(o => o.Kind != "Namespace").DistinctBy(o => (o.Group, o.Kind, o.Namespace));
        foreach (var key in kinds)
        {
            var (group, objectNamespace) = (key.Group, key.Namespace);
            var (plural, _) = await api.ResourceAsync(key, cancellationToken);
            foreach (var verb in new[] { "create", "patch" })
            {
                if (!await AllowedAsync(api, group, plural, verb, objectNamespace, cancellationToken))
                {
                    denied.Add($"{verb} {plural} in namespace '{objectNamespace}'");
                    break;
                }
            }
        }

        if (denied.Count > 0)
        {
            var namespaceHint = !namespaceExists && denied[0].StartsWith("create the namespace", StringComparison.Ordinal)
                ? $" The namespace '{@namespace}' does not exist: ask an administrator to create it, or deploy into one you may use with --namespace."
                : string.Empty;
            throw new DistributedApplicationException(
                $"The cluster at {api.Server} forbids this deploy, so nothing was applied. You may not: {string.Join("; ", denied)}.{namespaceHint} " +
                "Ask an administrator for a Role (or ClusterRole) that allows these verbs, or switch context with --kube-context.");
        }
    }

    /// <summary>Whether the API server lets the user do <paramref name="verb"/> on <paramref name="plural"/> (cluster-wide when the namespace is null).</summary>
    public static async Task<bool> AllowedAsync(ClusterApi api, string group, string plural, string verb, string? @namespace, CancellationToken cancellationToken)
    {
        var review = await api.Client.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(
            new V1SelfSubjectAccessReview
            {
                Spec = new V1SelfSubjectAccessReviewSpec
                {
                    ResourceAttributes = new V1ResourceAttributes { Group = group, Resource = plural, Verb = verb, NamespaceProperty = @namespace },
                },
            },
            cancellationToken: cancellationToken);
        return review.Status?.Allowed == true;
    }
}

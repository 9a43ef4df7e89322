using System.Globalization;
using k8s;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>What the API server serves: its version and every API group version, read before anything is applied.</summary>
internal sealed class ServedApis(string gitVersion, int minor, IReadOnlySet<string> groupVersions)
{
    /// <summary>The server's version as it reports it, e.g. <c>v1.20.2</c>.</summary>
    public string GitVersion { get; } = gitVersion;

    /// <summary>What a tree rendered for this server may use.</summary>
    public KubernetesServerFeatures Features => KubernetesServerFeatures.Of(GitVersion, minor);

    public bool Serves(string apiVersion) => groupVersions.Contains(apiVersion);

    public static async Task<ServedApis> ReadAsync(ClusterApi api, CancellationToken cancellationToken)
    {
        try
        {
            var version = await api.Client.Version.GetCodeAsync(cancellationToken);
            var core = await api.Client.Core.GetAPIVersionsAsync(cancellationToken);
            var groups = await api.Client.Apis.GetAPIVersionsAsync(cancellationToken);
            var served = new HashSet<string>(core.Versions, StringComparer.Ordinal);
            served.UnionWith(groups.Groups.SelectMany(g => g.Versions).Select(v => v.GroupVersion));
            return new ServedApis(version.GitVersion, Minor(version.Minor), served);
        }
        catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var reason = e is k8s.Autorest.HttpOperationException http
                ? $"it answered {(int)http.Response.StatusCode} {http.Response.StatusCode}: {http.Response.Content}"
                : e.Message;
            throw new DistributedApplicationException(
                $"Cannot reach the Kubernetes API server at {api.Server}: {reason}. Check that the cluster is running and that KUBECONFIG " +
                "(or ~/.kube/config) and its current context point at it.", e);
        }
    }

    /// <summary>Minor versions may carry a suffix, e.g. "20+" on some managed clusters.</summary>
    private static int Minor(string text) =>
        int.TryParse(new string(text.TakeWhile(char.IsAsciiDigit).ToArray()), NumberStyles.None, CultureInfo.InvariantCulture, out var minor) ? minor : 0;
}

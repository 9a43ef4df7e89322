using AirflowAspire.Hosting.Publishing.Manifest;

namespace AirflowAspire.Hosting.Publishing;

/// <summary>The publishers <c>--publisher</c> can name.</summary>
internal static class Publishers
{
    private static readonly IPublisher[] All = [new ManifestPublisher(), new Compose.ComposePublisher(), new Kubernetes.KubernetesPublisher()];

    public static IPublisher Get(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new DistributedApplicationException(
            $"Unknown publisher '{name}'. Use --publisher with one of: {string.Join(", ", All.Select(p => p.Name))}.");
}

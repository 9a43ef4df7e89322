using AirflowAspire.Hosting.Kubernetes.Airflow;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// The templates that know a kind of resource better than the generic container template, asked in this
/// order. A container none of them claims is rendered by <see cref="ContainerKubernetesTemplate"/>.
/// </summary>
internal static class KubernetesTemplates
{
    public static IReadOnlyList<IKubernetesTemplate> Create() =>
    [
        new AirflowKubernetesTemplate(),
    ];
}

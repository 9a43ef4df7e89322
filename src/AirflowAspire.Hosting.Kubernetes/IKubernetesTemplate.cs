using AirflowAspire.Hosting.Airflow;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Renders part of the model into files of the tree. Templates only read the model; the renderer asks each
/// which resources it renders, so every container is rendered exactly once.
/// </summary>
internal interface IKubernetesTemplate
{
    /// <summary>The resources this template renders; the generic container template renders the rest.</summary>
    IEnumerable<IResource> Claims(KubernetesContext context);

    IEnumerable<KubernetesFile> Render(KubernetesContext context);
}

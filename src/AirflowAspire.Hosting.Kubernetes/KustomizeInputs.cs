using AirflowAspire.Hosting.Publishing;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// What one publish of a kustomize environment read of the model and settled, each once: the containers'
/// environments and arguments, the plain parameters' values, the secret values, the namespace, the prefix and the
/// folder. A tree renders from these alone for any server (<see cref="KubernetesRenderer.Render(KustomizeInputs, KubernetesServerFeatures)"/>),
/// so deploy renders for the server it finds from what publish settled, without reading values or secrets again.
/// </summary>
/// <param name="ApplicationName">The AppHost's name as a label value, e.g. <c>airflowaspire-apphost</c>.</param>
/// <param name="Secrets">The value of every secret the tree may refer to, keyed as <see cref="SecretReference.KeyOf"/> names them.</param>
/// <param name="Directory">The output folder, absolute.</param>
/// <param name="Server">The server publish renders for: the version <c>--kube-version</c> names, or current Kubernetes.</param>
internal sealed record KustomizeInputs(
    DistributedApplicationModel Model,
    string ApplicationName,
    string Namespace,
    string NamePrefix,
    IReadOnlyDictionary<IResource, ResourceConfiguration> Configurations,
    PlainParameters Parameters,
    SecretValueFile Secrets,
    string Directory,
    KubernetesServerFeatures Server);

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>A web UI of the deployment, which deploy says how to reach (<see cref="UiAccess"/>).</summary>
/// <param name="Title">How deploy names it, e.g. <c>The Airflow UI</c>.</param>
/// <param name="Components">The component label values of the Service (and Ingress) in front of it.</param>
internal sealed record KubernetesUi(string Title, IReadOnlyList<string> Components);

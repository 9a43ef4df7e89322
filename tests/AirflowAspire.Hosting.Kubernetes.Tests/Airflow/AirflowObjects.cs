using k8s;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Airflow;

/// <summary>Reads the rendered Airflow objects the way the tests ask about them: pods, containers, variables, probes.</summary>
internal static class AirflowObjects
{
    public const string AirflowImage = "apache/airflow";

    /// <summary>Publishes the test's model and renders it with kubectl kustomize.</summary>
    public static Task<PublishedCluster> PublishAsync(this TestApp test, IReadOnlyDictionary<string, string?>? options = null) =>
        PublishedCluster.PublishAsync(test, options);

    /// <summary>Every pod spec that runs the Airflow image, with its owner (<c>Kind/name</c>).</summary>
    public static IReadOnlyList<(string Owner, V1PodSpec Spec)> AirflowPods(this PublishedCluster cluster) =>
        cluster.PodSpecs().Where(p => AllContainers(p.Spec).Any(IsAirflow)).ToList();

    /// <summary>The long-running Airflow pods: every Airflow pod but the migration Job's.</summary>
    public static IReadOnlyList<(string Owner, V1PodSpec Spec)> AirflowServicePods(this PublishedCluster cluster) =>
        cluster.AirflowPods().Where(p => !p.Owner.StartsWith("Job/", StringComparison.Ordinal)).ToList();

    public static bool IsAirflow(V1Container container) => container.Image.Contains(AirflowImage, StringComparison.Ordinal);

    public static IEnumerable<V1Container> AllContainers(V1PodSpec spec) => (spec.InitContainers ?? []).Concat(spec.Containers);

    public static V1PodSpec Pod(IKubernetesObject workload) =>
        PublishedCluster.PodSpec(workload) ?? throw new ArgumentException($"{workload.Kind} has no pod spec.", nameof(workload));

    /// <summary>The container (or init container) named <paramref name="name"/>.</summary>
    public static V1Container Container(V1PodSpec spec, string name) =>
        AllContainers(spec).SingleOrDefault(c => c.Name == name)
        ?? throw new KeyNotFoundException($"No container '{name}'; there are: {string.Join(", ", AllContainers(spec).Select(c => c.Name))}.");

    public static V1Container Container(IKubernetesObject workload, string name) => Container(Pod(workload), name);

    public static V1EnvVar? Env(V1Container container, string name) => container.Env?.SingleOrDefault(e => e.Name == name);

    /// <summary>The Secret key a variable reads, or null when it is not read from a Secret.</summary>
    public static string? SecretKey(V1Container container, string name) => Env(container, name)?.ValueFrom?.SecretKeyRef?.Key;

    /// <summary>A probe's command as one line, e.g. <c>sh -c airflow jobs check ...</c>.</summary>
    public static string Command(V1Probe probe) => string.Join(' ', probe.Exec?.Command ?? []);

    /// <summary>How long a probe may fail before the container counts as failed.</summary>
    public static TimeSpan Tolerance(V1Probe probe) =>
        TimeSpan.FromSeconds((probe.InitialDelaySeconds ?? 0) + ((probe.PeriodSeconds ?? 10) * (probe.FailureThreshold ?? 3)));

    /// <summary>The ConfigMaps an Airflow container reads with envFrom.</summary>
    public static IReadOnlyList<string> ConfigMapsFrom(V1Container container) =>
        (container.EnvFrom ?? []).Select(e => e.ConfigMapRef?.Name).OfType<string>().ToList();

    /// <summary>Whether the selector's labels all appear on the pod template's labels.</summary>
    public static bool Selects(IDictionary<string, string> selector, IDictionary<string, string> labels) =>
        selector.All(s => labels.TryGetValue(s.Key, out var value) && value == s.Value);

    public static V1VolumeMount? Mount(V1Container container, string path) => container.VolumeMounts?.SingleOrDefault(m => m.MountPath == path);

    public static V1Volume Volume(V1PodSpec spec, string name) =>
        spec.Volumes?.SingleOrDefault(v => v.Name == name) ?? throw new KeyNotFoundException($"No volume '{name}'.");
}

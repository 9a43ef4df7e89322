using System.Security.Cryptography;
using System.Text;
using AirflowAspire.Hosting.Airflow;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// One Airflow deployment as the cluster sees it: the model, the names of its shared objects, the metadata of
/// the objects its component files hold, and the host each value uses to reach a resource. Its environments are
/// split by <see cref="AirflowComponentEnvironments"/>; its containers, volumes and pods are built by
/// <see cref="AirflowContainers"/>, <see cref="AirflowPodVolumes"/> and <see cref="AirflowPods"/>.
/// </summary>
internal sealed class AirflowCluster
{
    public AirflowCluster(AirflowResource airflow, KubernetesContext context)
    {
        Airflow = airflow;
        Context = context;
        Secrets = airflow.Secrets;
        Environments = new AirflowComponentEnvironments(airflow, context, Host);
    }

    public AirflowResource Airflow { get; }

    public KubernetesContext Context { get; }

    public AirflowSecrets Secrets { get; }

    /// <summary>The components' environments: the ConfigMap's shared settings, and what each container keeps of its own.</summary>
    public AirflowComponentEnvironments Environments { get; }

    /// <summary>Every component runs in the one pod of a standalone deployment, and reaches the others and Postgres on 127.0.0.1.</summary>
    public bool IsStandalone => Airflow.IsStandalonePod;

    /// <summary>The LocalExecutor runs tasks inside the scheduler, which then serves their logs like a worker does.</summary>
    public bool ServesTaskLogsFromScheduler => Airflow.Executor == AirflowExecutor.Local;

    /// <summary>The pod template ConfigMap's checksum, set by the renderer of that ConfigMap.</summary>
    public string? PodTemplateChecksum { get; set; }

    public string ConfigMapName => Context.Name($"{Airflow.Name}-config");

    public string PodTemplateConfigMapName => Context.Name($"{Airflow.Name}-pod-template");

    public string DagsClaimName => Context.Name($"{Airflow.Name}-dags");

    public string LogsClaimName => Context.Name($"{Airflow.Name}-logs");

    /// <summary>The ServiceAccount allowed to launch pods; null when no task launches pods.</summary>
    public string? ServiceAccountName => Airflow.LaunchesPods ? Context.Name($"{Airflow.Name}-pod-launcher") : null;

    /// <summary>The file of the tree that holds <paramref name="name"/>: one folder per Airflow deployment.</summary>
    public string FilePath(string name) => $"{Airflow.Name}/{name}.yaml";

    public ContainerResource Component(AirflowRole role) => Airflow.Components[role];

    public string ComponentLabel(AirflowRole role) => AirflowComponents.Get(role).NameSuffix;

    public V1ObjectMeta Metadata(string name, IDictionary<string, string> labels) => new()
    {
        Name = name,
        NamespaceProperty = Context.Namespace,
        Labels = new Dictionary<string, string>(labels, StringComparer.Ordinal),
        Annotations = new Dictionary<string, string>(StringComparer.Ordinal) { [AirflowUpgradeNotes.VersionLabel] = Airflow.Version.ToString() },
    };

    /// <summary>Metadata of an object that belongs to a component: its name and labels.</summary>
    public V1ObjectMeta Metadata(AirflowRole role) => Metadata(Context.Name(Component(role)), Context.Labels(Component(role), ComponentLabel(role)));

    /// <summary>Metadata of an object the whole deployment shares, e.g. its ConfigMap.</summary>
    public V1ObjectMeta SharedMetadata(string name, string component) => Metadata(name, Context.Labels(Airflow, component));

    /// <summary>The host a value uses to reach a resource: its Service, or 127.0.0.1 inside the standalone pod.</summary>
    public string Host(IResource resource) =>
        IsStandalone && (resource == Airflow.Database?.Parent || Airflow.Components.Values.Contains(resource)) ? "127.0.0.1" : Context.Name(resource);

    public static string Checksum(IEnumerable<string> lines) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));

    public static List<T>? NullIfEmpty<T>(List<T> items) => items.Count == 0 ? null : items;
}

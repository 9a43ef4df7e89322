using AirflowAspire.Hosting.Airflow;
using AirflowAspire.Hosting.Publishing;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// The environments of one Airflow deployment's components, split in two: the plain <c>AIRFLOW__*</c> settings
/// every component shares, which become the ConfigMap (with what the cluster adds, and a checksum that restarts
/// pods when it changes); and what each container keeps in its own environment, secrets and what differs,
/// rendered with the deployment's hosts.
/// </summary>
internal sealed class AirflowComponentEnvironments
{
    private readonly AirflowResource airflow;
    private readonly KubernetesContext context;
    private readonly Func<IResource, string> host;
    private readonly Dictionary<AirflowRole, IReadOnlyDictionary<string, object>> environments;

    /// <param name="host">How a value reaches a resource: <see cref="AirflowCluster.Host"/>.</param>
    public AirflowComponentEnvironments(AirflowResource airflow, KubernetesContext context, Func<IResource, string> host)
    {
        this.airflow = airflow;
        this.context = context;
        this.host = host;
        environments = airflow.Components.ToDictionary(
            c => c.Key,
            c => (IReadOnlyDictionary<string, object>)context.Configuration(c.Value).Environment.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal));
        SharedConfig = BuildSharedConfig();
        ConfigChecksum = AirflowCluster.Checksum(SharedConfig.Select(e => $"{e.Key}={e.Value}"));
    }

    /// <summary>The plain <c>AIRFLOW__*</c> settings every component shares: the ConfigMap's data, and nowhere else.</summary>
    public IReadOnlyDictionary<string, string> SharedConfig { get; }

    /// <summary>Changes with the ConfigMap, so pods restart when their configuration changes.</summary>
    public string ConfigChecksum { get; }

    /// <summary>A container's environment, as <see cref="ClusterEnvironment"/> renders it, with this deployment's hosts.</summary>
    public List<V1EnvVar> Render(IEnumerable<KeyValuePair<string, object>> environment) =>
        ClusterEnvironment.Render(environment, context, host);

    /// <summary>
    /// The environment of a role's container, without what the ConfigMap gives every container, and without the
    /// image's <c>_AIRFLOW_*</c> start-up switches: in the cluster the migration job migrates and creates the user.
    /// </summary>
    public List<V1EnvVar> Of(AirflowRole role) =>
        Render(environments[role].Where(e => !SharedConfig.ContainsKey(e.Key) && !IsImageStartupSwitch(e.Key)));

    /// <summary>
    /// The environment every component has alike beyond the ConfigMap (the database URL, the broker, the keys),
    /// secrets included or left out: what task pods of the KubernetesExecutor get.
    /// </summary>
    public List<V1EnvVar> Common(bool includeSecrets)
    {
        var first = environments[AirflowRole.Scheduler];
        var common = first
            .Where(e => !SharedConfig.ContainsKey(e.Key) && !IsImageStartupSwitch(e.Key) && (includeSecrets || !ModelValues.Secrets(e.Value).Any()))
            .Where(e => environments.Values.All(env => env.TryGetValue(e.Key, out var other) && Rendered(other) == Rendered(e.Value)));
        return Render(common);
    }

    /// <summary>The value as the cluster sees it, secrets as their <c>$(VAR)</c> reference: for comparing values.</summary>
    private string Rendered(object value) =>
        ModelValues.SingleSecret(value) is { } secret
            ? $"secret:{secret.Name}"
            : ModelValues.Render(value, context.Rendering(new List<SecretReference>(), host));

    /// <summary>The text of a value without secrets; null when it holds one.</summary>
    private string? PlainValue(object value)
    {
        var secretsUsed = new List<SecretReference>();
        var text = ModelValues.Render(value, context.Rendering(secretsUsed, host, expands: false));
        return secretsUsed.Count == 0 ? text : null;
    }

    private SortedDictionary<string, string> BuildSharedConfig()
    {
        var shared = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var all = environments.Values.ToList();
        foreach (var (name, expression) in all[0])
        {
            if (!name.StartsWith("AIRFLOW__", StringComparison.Ordinal) || IsSensitive(name) || PlainValue(expression) is not { } value)
            {
                continue;
            }

            if (all.All(env => env.TryGetValue(name, out var other) && PlainValue(other) == value))
            {
                shared[name] = value;
            }
        }

        // What the cluster adds: a host name the API server can reach the worker by, and where git-sync checks the DAGs out.
        AddIfUnset(shared, "AIRFLOW__CORE__HOSTNAME_CALLABLE", AirflowClusterFacts.HostnameCallable);
        if (GitSync.Delivery(airflow) is { } git)
        {
            AddIfUnset(shared, "AIRFLOW__CORE__DAGS_FOLDER", GitSync.DagsFolder(git));
        }

        return shared;
    }

    private void AddIfUnset(SortedDictionary<string, string> shared, string name, string value)
    {
        if (environments.Values.All(env => !env.ContainsKey(name)))
        {
            shared[name] = value;
        }
    }

    /// <summary><c>AIRFLOW__SECTION__OPTION</c> of an option Airflow masks as sensitive: never in a ConfigMap, even as literal text.</summary>
    private static bool IsSensitive(string variable)
    {
        var parts = variable["AIRFLOW__".Length..].Split("__", 2);
        return parts.Length == 2 && AirflowConfigCatalog.IsSensitive(parts[0], parts[1]);
    }

    private static bool IsImageStartupSwitch(string variable) => variable.StartsWith("_AIRFLOW_", StringComparison.Ordinal);
}

using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Publishing.Kubernetes;

/// <summary>
/// What every template needs to know about one publish: the model, the namespace, the name prefix, and
/// how names, labels and secret references are spelled in the cluster.
/// </summary>
internal sealed class KubernetesContext
{
    public const string PartOfLabel = "app.kubernetes.io/part-of";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string NameLabel = "app.kubernetes.io/name";
    public const string InstanceLabel = "app.kubernetes.io/instance";
    public const string ComponentLabel = "app.kubernetes.io/component";
    public const string ManagedBy = "airflowaspire";

    public KubernetesContext(DistributedApplicationModel model, string @namespace, string namePrefix)
    {
        Model = model;
        Namespace = @namespace;
        NamePrefix = namePrefix;
    }

    public DistributedApplicationModel Model { get; }

    /// <summary>
    /// What environment and argument callbacks are told: publishing with the kubernetes publisher, whatever
    /// the model was built for, so a model built in a test renders as it would from the command line.
    /// </summary>
    public DistributedApplicationExecutionContext ExecutionContext { get; } =
        new(DistributedApplicationOperation.Publish, KubernetesPublisher.PublisherName);

    public string Namespace { get; }

    /// <summary>Prefixed to every object name ("" for none), e.g. <c>team-a-</c>.</summary>
    public string NamePrefix { get; }

    /// <summary>The instance label: the application's name with the prefix, so two deployments in one namespace never select each other's pods.</summary>
    public string Instance => NamePrefix + Model.ApplicationName;

    /// <summary>The Secret that kustomize's secretGenerator makes from <see cref="SecretsEnvFile"/>.</summary>
    public string SecretName => Name("secrets");

    /// <summary>The git-ignored env file, relative to the output folder, that holds the secret values.</summary>
    public const string SecretsEnvFile = "secrets.env";

    public string Name(IResource resource) => Name(resource.Name);

    public string Name(string name) => NamePrefix + name;

    /// <summary>The key of a secret parameter inside <see cref="SecretName"/>: the parameter's name.</summary>
    public static string SecretKey(ParameterResource parameter) => parameter.Name;

    /// <summary>The labels that select a resource's pods; stable, so selectors never have to change.</summary>
    public Dictionary<string, string> SelectorLabels(IResource resource) => new(StringComparer.Ordinal)
    {
        [NameLabel] = resource.Name,
        [InstanceLabel] = Instance,
    };

    /// <summary>The selector labels plus the component, for object metadata and pod templates.</summary>
    public Dictionary<string, string> Labels(IResource resource, string component)
    {
        var labels = SelectorLabels(resource);
        labels[ComponentLabel] = component;
        return labels;
    }

    /// <summary>
    /// How values render in the cluster: a resource's Service name for hosts, and a secret parameter as
    /// <c>$(VAR)</c>, which Kubernetes expands from an earlier secretKeyRef variable. Each secret met is added
    /// to <paramref name="secretsUsed"/>. <paramref name="host"/> replaces the Service name where a pod reaches a
    /// resource another way (127.0.0.1 inside one pod).
    /// </summary>
    public ClusterRenderContext RenderContext(ICollection<ParameterResource> secretsUsed, Func<IResource, string>? host = null) => new()
    {
        ServiceName = host ?? Name,
        ParameterValue = parameter =>
        {
            if (!secretsUsed.Contains(parameter))
            {
                secretsUsed.Add(parameter);
            }

            return $"$({ClusterEnvironment.SecretVariable(parameter)})";
        },
    };
}

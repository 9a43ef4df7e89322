using AirflowAspire.Hosting.Publishing;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// What every template needs to know about one publish: the model and what was read of it, the server it is for,
/// the namespace, the name prefix, and how names, labels and values are spelled in the cluster.
/// </summary>
internal sealed class KubernetesContext(
    DistributedApplicationModel model,
    string applicationName,
    string @namespace,
    string namePrefix,
    IReadOnlyDictionary<IResource, ResourceConfiguration> configurations,
    PlainParameters parameters,
    SecretValueFile secretValues,
    KubernetesServerFeatures server)
{
    public const string PartOfLabel = "app.kubernetes.io/part-of";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string NameLabel = "app.kubernetes.io/name";
    public const string InstanceLabel = "app.kubernetes.io/instance";
    public const string ComponentLabel = "app.kubernetes.io/component";
    public const string ManagedBy = "airflowaspire";

    public DistributedApplicationModel Model { get; } = model;

    /// <summary>The AppHost's name as a label value, e.g. <c>airflowaspire-apphost</c>.</summary>
    public string ApplicationName { get; } = applicationName;

    public string Namespace { get; } = @namespace;

    /// <summary>What the server the tree is for can run.</summary>
    public KubernetesServerFeatures Server { get; } = server;

    /// <summary>Prefixed to every object name ("" for none), e.g. <c>team-a-</c>.</summary>
    public string NamePrefix { get; } = namePrefix;

    /// <summary>The instance label: the application's name with the prefix, so two deployments in one namespace never select each other's pods.</summary>
    public string Instance => NamePrefix + ApplicationName;

    /// <summary>The name of the tree's one Secret (<see cref="KubernetesSecret"/>), which every secretKeyRef reads.</summary>
    public string SecretName => Name("secrets");

    public string Name(IResource resource) => Name(resource.Name);

    public string Name(string name) => NamePrefix + name;

    private readonly HashSet<SecretReference> encodedSecrets = [];

    private readonly List<string> notes = [];

    /// <summary>What the templates chose that the user should know, said when the tree is published or deployed.</summary>
    public IReadOnlyList<string> Notes => notes;

    public void Note(string text) => notes.Add(text);

    /// <summary>The secrets some value holds inside a URL or a JSON string: the Secret holds their encoded values too.</summary>
    public IReadOnlyCollection<SecretReference> EncodedSecrets => encodedSecrets;

    /// <summary>The values of every secret the tree may refer to, settled by the publish.</summary>
    public SecretValueFile SecretValues { get; } = secretValues;

    /// <summary>
    /// Every secret parameter the tree may refer to: the model's, then those the containers' values hold, such as
    /// the default passwords Aspire's Postgres, Redis and RabbitMQ create outside the model.
    /// </summary>
    public static IEnumerable<ParameterResource> SecretsOf(
        DistributedApplicationModel model, IReadOnlyDictionary<IResource, ResourceConfiguration> configurations) =>
        model.Resources.OfType<ParameterResource>()
            .Concat(configurations.Values.SelectMany(c => c.Environment.Select(e => e.Value).Concat(c.Arguments)).SelectMany(ModelValues.Secrets))
            .Where(p => p.Secret)
            .Distinct();

    /// <summary>A container's environment and arguments as the model gives them.</summary>
    public ResourceConfiguration Configuration(IResource resource) =>
        configurations.GetValueOrDefault(resource) ?? ResourceConfiguration.Empty;

    /// <summary>The value of a plain (not secret) parameter; throws with the fix when it has none.</summary>
    public string ParameterValue(ParameterResource parameter) => parameters.ValueOf(parameter);

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
    /// resource another way (127.0.0.1 inside one pod). A literal <c>$(</c> is escaped as <c>$$(</c>, since
    /// Kubernetes expands <c>$(VAR)</c> in environment values, commands and arguments; not so for a ConfigMap's
    /// data (<paramref name="expands"/> false), which Kubernetes passes on as it is.
    /// </summary>
    public ValueRendering Rendering(ICollection<SecretReference> secretsUsed, Func<IResource, string>? host = null, bool expands = true)
    {
        return new ValueRendering
        {
            Host = host ?? Name,
            Secret = parameter => Reference(new SecretReference(parameter)),
            UriEncodedSecret = parameter => Encoded(new SecretReference(parameter, SecretEncoding.Uri)),
            JsonEncodedSecret = parameter => Encoded(new SecretReference(parameter, SecretEncoding.Json)),
            Parameter = parameter => expands ? EscapeExpansion(ParameterValue(parameter)) : ParameterValue(parameter),
            Literal = expands ? EscapeExpansion : text => text,
        };

        string Encoded(SecretReference secret)
        {
            encodedSecrets.Add(secret);
            return Reference(secret);
        }

        string Reference(SecretReference secret)
        {
            if (!secretsUsed.Contains(secret))
            {
                secretsUsed.Add(secret);
            }

            return $"$({secret.Variable})";
        }
    }

    private static string EscapeExpansion(string text) => text.Replace("$(", "$$(", StringComparison.Ordinal);
}

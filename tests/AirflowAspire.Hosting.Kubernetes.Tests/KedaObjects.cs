using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Tests;

/// <summary>
/// KEDA's ScaledObject (keda.sh/v1alpha1), with the fields of KEDA's CRD that a publisher may write, so a
/// rendered tree parses strictly: an unknown field is an error, as the API server would reject it.
/// </summary>
[KubernetesEntity(Group = Group, Kind = KubeKind, ApiVersion = Version, PluralName = "scaledobjects")]
public sealed class KedaScaledObject : IKubernetesObject<V1ObjectMeta>, ISpec<KedaScaledObjectSpec>
{
    public const string Group = "keda.sh";
    public const string Version = "v1alpha1";
    public const string KubeKind = "ScaledObject";
    public const string TypeKey = Group + "/" + Version + "/" + KubeKind;

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = Group + "/" + Version;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public KedaScaledObjectSpec Spec { get; set; } = new();
}

public sealed class KedaScaledObjectSpec
{
    [JsonPropertyName("scaleTargetRef")]
    public KedaScaleTarget ScaleTargetRef { get; set; } = new();

    [JsonPropertyName("pollingInterval")]
    public int? PollingInterval { get; set; }

    [JsonPropertyName("cooldownPeriod")]
    public int? CooldownPeriod { get; set; }

    [JsonPropertyName("initialCooldownPeriod")]
    public int? InitialCooldownPeriod { get; set; }

    [JsonPropertyName("idleReplicaCount")]
    public int? IdleReplicaCount { get; set; }

    [JsonPropertyName("minReplicaCount")]
    public int? MinReplicaCount { get; set; }

    [JsonPropertyName("maxReplicaCount")]
    public int? MaxReplicaCount { get; set; }

    [JsonPropertyName("fallback")]
    public KedaFallback? Fallback { get; set; }

    [JsonPropertyName("advanced")]
    public KedaAdvanced? Advanced { get; set; }

    [JsonPropertyName("triggers")]
    public IList<KedaTrigger> Triggers { get; set; } = [];
}

public sealed class KedaScaleTarget
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("envSourceContainerName")]
    public string? EnvSourceContainerName { get; set; }
}

public sealed class KedaFallback
{
    [JsonPropertyName("failureThreshold")]
    public int FailureThreshold { get; set; }

    [JsonPropertyName("replicas")]
    public int Replicas { get; set; }
}

public sealed class KedaAdvanced
{
    [JsonPropertyName("restoreToOriginalReplicaCount")]
    public bool? RestoreToOriginalReplicaCount { get; set; }

    [JsonPropertyName("horizontalPodAutoscalerConfig")]
    public KedaHorizontalPodAutoscalerConfig? HorizontalPodAutoscalerConfig { get; set; }
}

public sealed class KedaHorizontalPodAutoscalerConfig
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("behavior")]
    public V2HorizontalPodAutoscalerBehavior? Behavior { get; set; }
}

public sealed class KedaTrigger
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("metricType")]
    public string? MetricType { get; set; }

    [JsonPropertyName("useCachedMetrics")]
    public bool? UseCachedMetrics { get; set; }

    [JsonPropertyName("metadata")]
    public IDictionary<string, string> Metadata { get; set; } = new Dictionary<string, string>();

    [JsonPropertyName("authenticationRef")]
    public KedaAuthenticationRef? AuthenticationRef { get; set; }
}

public sealed class KedaAuthenticationRef
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("kind")]
    public string? Kind { get; set; }
}

/// <summary>KEDA's TriggerAuthentication: where a trigger reads credentials (a Secret's key or a container's variable).</summary>
[KubernetesEntity(Group = KedaScaledObject.Group, Kind = KubeKind, ApiVersion = KedaScaledObject.Version, PluralName = "triggerauthentications")]
public sealed class KedaTriggerAuthentication : IKubernetesObject<V1ObjectMeta>, ISpec<KedaTriggerAuthenticationSpec>
{
    public const string KubeKind = "TriggerAuthentication";
    public const string TypeKey = KedaScaledObject.Group + "/" + KedaScaledObject.Version + "/" + KubeKind;

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = KedaScaledObject.Group + "/" + KedaScaledObject.Version;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public KedaTriggerAuthenticationSpec Spec { get; set; } = new();
}

public sealed class KedaTriggerAuthenticationSpec
{
    [JsonPropertyName("secretTargetRef")]
    public IList<KedaSecretTarget>? SecretTargetRef { get; set; }

    [JsonPropertyName("env")]
    public IList<KedaEnvTarget>? Env { get; set; }
}

public sealed class KedaSecretTarget
{
    [JsonPropertyName("parameter")]
    public string Parameter { get; set; } = string.Empty;

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("key")]
    public string Key { get; set; } = string.Empty;
}

public sealed class KedaEnvTarget
{
    [JsonPropertyName("parameter")]
    public string Parameter { get; set; } = string.Empty;

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("containerName")]
    public string? ContainerName { get; set; }
}

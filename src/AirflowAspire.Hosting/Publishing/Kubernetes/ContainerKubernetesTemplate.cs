using AirflowAspire.Hosting.ApplicationModel;
using k8s;
using k8s.Models;

namespace AirflowAspire.Hosting.Publishing.Kubernetes;

/// <summary>
/// Renders any container no other template claims (Postgres, Redis, RabbitMQ, a plain container), each into
/// a folder of its own: a StatefulSet when it keeps data in volumes, a Job when it runs once, a Deployment
/// otherwise; a ClusterIP Service for its endpoints; a PodDisruptionBudget when it has several replicas.
/// </summary>
internal sealed class ContainerKubernetesTemplate(IReadOnlyList<ContainerResource> containers) : IKubernetesTemplate
{
    /// <summary>A volume's size when the model gives none (WithStorage).</summary>
    public const string DefaultStorageSize = "8Gi";

    /// <summary>How long a container may take to start before its liveness probe counts.</summary>
    public static readonly TimeSpan StartupAllowance = TimeSpan.FromMinutes(5);

    /// <summary>How often a run-once container is retried before its Job fails.</summary>
    public const int JobBackoffLimit = 3;

    public IEnumerable<IResource> Claims(KubernetesContext context) => containers;

    public IEnumerable<KubernetesFile> Render(KubernetesContext context) => containers.SelectMany(c => Render(c, context));

    private static IEnumerable<KubernetesFile> Render(ContainerResource container, KubernetesContext context)
    {
        if (container.GetMounts().FirstOrDefault(m => m.Type == ContainerMountType.BindMount) is { } bindMount)
        {
            throw new DistributedApplicationException(
                $"Container '{container.Name}' bind-mounts the host folder '{bindMount.Source}' at '{bindMount.Target}', and a cluster has no " +
                "host folders to mount; bake the files into its image, or use a volume (WithVolume) for data.");
        }

        var folder = container.Name;
        var volumes = Volumes(container);
        var replicas = container.GetReplicas();
        var pod = PodTemplate(container, context, volumes);
        if (container.IsRunOnce())
        {
            var claims = volumes.Select(v => Claim(v, context.Name($"{container.Name}-{v.Name}"), context, container)).ToList();
            foreach (var (volume, claim) in volumes.Zip(claims))
            {
                pod.Spec.Volumes ??= [];
                pod.Spec.Volumes.Add(new V1Volume
                {
                    Name = volume.Name,
                    PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = claim.Metadata.Name },
                });
            }

            pod.Spec.RestartPolicy = "Never";
            if (claims.Count > 0)
            {
                yield return new KubernetesFile($"{folder}/persistentvolumeclaim.yaml", [.. claims]);
            }

            yield return new KubernetesFile($"{folder}/job.yaml", [Job(container, context, pod)]);
            yield break;
        }

        var services = new List<IKubernetesObject>();
        if (volumes.Count > 0)
        {
            yield return new KubernetesFile($"{folder}/statefulset.yaml", [StatefulSet(container, context, pod, volumes, replicas)]);
            services.Add(HeadlessService(container, context));
        }
        else
        {
            yield return new KubernetesFile($"{folder}/deployment.yaml", [Deployment(container, context, pod, replicas)]);
        }

        if (container.GetEndpoints().Count > 0)
        {
            services.Insert(0, Service(container, context));
        }

        if (services.Count > 0)
        {
            yield return new KubernetesFile($"{folder}/service.yaml", services);
        }

        if (replicas > 1)
        {
            yield return new KubernetesFile($"{folder}/poddisruptionbudget.yaml", [PodDisruptionBudget(container, context)]);
        }
    }

    /// <summary>The name of the headless Service that gives a StatefulSet's pods stable DNS names.</summary>
    public static string HeadlessServiceName(IResource resource, KubernetesContext context) => context.Name($"{resource.Name}-headless");

    /// <summary>The container as the model describes it: image, command, arguments, environment, ports, probes, resources.</summary>
    public static V1Container Container(ContainerResource container, KubernetesContext context)
    {
        var entrypoint = container.GetEntrypoint();
        var args = container.GetArgs(context.ExecutionContext).Select(a => ClusterEnvironment.Argument(a, context)).ToList();
        var env = ClusterEnvironment.For(container, context);
        var ports = container.GetEndpoints().Select(e => new V1ContainerPort
        {
            Name = KubernetesNames.PortName(container, e),
            ContainerPort = e.TargetPort,
            Protocol = e.Protocol.ToUpperInvariant(),
        }).ToList();
        ThrowIfDuplicatePortNames(container, ports);

        var result = new V1Container
        {
            Name = container.Name,
            Image = container.Image.Reference,
            ImagePullPolicy = "IfNotPresent",
            Command = entrypoint is null ? null : [ClusterEnvironment.Argument(ReferenceExpression.Literal(entrypoint), context)],
            Args = args.Count == 0 ? null : args,
            Env = env.Count == 0 ? null : env,
            Ports = ports.Count == 0 ? null : ports,
            Resources = KubernetesResources.For(container),
            SecurityContext = ContainerSecurity(container),
        };

        if (!container.IsRunOnce() && container.GetHealthChecks().FirstOrDefault() is { } check)
        {
            result.ReadinessProbe = KubernetesProbes.Readiness(check, container, context);
            result.LivenessProbe = KubernetesProbes.Liveness(check, container, context);
            result.StartupProbe = KubernetesProbes.Startup(
                check, container, context, check.StartPeriod > StartupAllowance ? check.StartPeriod : StartupAllowance);
        }

        return result;
    }

    /// <summary>
    /// The pod's security context: the image's own non-root user when the model knows it
    /// (<see cref="ContainerUserAnnotation"/>); otherwise only the runtime's seccomp profile, since the
    /// image's user cannot be told from here.
    /// </summary>
    public static V1PodSecurityContext PodSecurity(IResource resource) =>
        resource.Annotations.OfType<ContainerUserAnnotation>().LastOrDefault() is { } user
            ? KubernetesSecurity.Pod(user.User, user.Group, user.Group)
            : new V1PodSecurityContext { SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" } };

    /// <summary>
    /// The container's security context: <see cref="KubernetesSecurity.Container"/>; for an image whose user the
    /// model does not know, without runAsNonRoot, which the kubelet could not verify for a named user.
    /// </summary>
    public static V1SecurityContext ContainerSecurity(IResource resource)
    {
        var security = KubernetesSecurity.Container();
        if (!resource.Annotations.OfType<ContainerUserAnnotation>().Any())
        {
            security.RunAsNonRoot = null;
        }

        return security;
    }

    /// <summary>A ClusterIP Service named as the resource, so clients reach it by the name the model renders for it.</summary>
    public static V1Service Service(IResource resource, KubernetesContext context) => new()
    {
        Metadata = Metadata(context.Name(resource), resource, context),
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            Selector = context.SelectorLabels(resource),
            Ports = ServicePorts(resource),
        },
    };

    /// <summary>A headless Service for a StatefulSet: stable per-pod DNS names, published before the pods are ready.</summary>
    public static V1Service HeadlessService(IResource resource, KubernetesContext context)
    {
        var ports = ServicePorts(resource);
        return new V1Service
        {
            Metadata = Metadata(HeadlessServiceName(resource, context), resource, context),
            Spec = new V1ServiceSpec
            {
                ClusterIP = "None",
                PublishNotReadyAddresses = true,
                Selector = context.SelectorLabels(resource),
                Ports = ports.Count == 0 ? null : ports,
            },
        };
    }

    /// <summary>At most one pod of the workload may be evicted at a time by a voluntary disruption (a node drain).</summary>
    public static V1PodDisruptionBudget PodDisruptionBudget(IResource resource, KubernetesContext context) => new()
    {
        Metadata = Metadata(context.Name(resource), resource, context),
        Spec = new V1PodDisruptionBudgetSpec
        {
            MaxUnavailable = 1,
            Selector = new V1LabelSelector { MatchLabels = context.SelectorLabels(resource) },
        },
    };

    public static V1ObjectMeta Metadata(string name, IResource resource, KubernetesContext context) => new()
    {
        Name = name,
        Labels = context.Labels(resource, resource.Name),
    };

    private static List<V1ServicePort> ServicePorts(IResource resource) =>
        resource.GetEndpoints().Select(e => new V1ServicePort
        {
            Name = KubernetesNames.PortName(resource, e),
            Port = e.TargetPort,
            TargetPort = KubernetesNames.PortName(resource, e),
            Protocol = e.Protocol.ToUpperInvariant(),
        }).ToList();

    private static V1PodTemplateSpec PodTemplate(ContainerResource container, KubernetesContext context, IReadOnlyList<Volume> volumes)
    {
        var main = Container(container, context);
        if (volumes.Count > 0)
        {
            main.VolumeMounts = volumes.Select(v => new V1VolumeMount
            {
                Name = v.Name,
                MountPath = v.Mount.Target,
                ReadOnlyProperty = v.Mount.IsReadOnly ? true : null,
            }).ToList();
        }

        return new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta { Labels = context.Labels(container, container.Name) },
            Spec = new V1PodSpec
            {
                AutomountServiceAccountToken = false,
                EnableServiceLinks = false,
                SecurityContext = PodSecurity(container),
                Containers = [main],
            },
        };
    }

    private static V1StatefulSet StatefulSet(
        ContainerResource container, KubernetesContext context, V1PodTemplateSpec pod, IReadOnlyList<Volume> volumes, int replicas) => new()
    {
        Metadata = Metadata(context.Name(container), container, context),
        Spec = new V1StatefulSetSpec
        {
            ServiceName = HeadlessServiceName(container, context),
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = context.SelectorLabels(container) },
            Template = pod,
            VolumeClaimTemplates = volumes.Select(v => Claim(v, v.Name, context, container)).ToList(),
        },
    };

    private static V1Deployment Deployment(ContainerResource container, KubernetesContext context, V1PodTemplateSpec pod, int replicas) => new()
    {
        Metadata = Metadata(context.Name(container), container, context),
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = context.SelectorLabels(container) },
            Template = pod,
        },
    };

    /// <summary>A Job that stays visible after it finishes (no TTL), so its logs and status can be read.</summary>
    private static V1Job Job(ContainerResource container, KubernetesContext context, V1PodTemplateSpec pod) => new()
    {
        Metadata = Metadata(context.Name(container), container, context),
        Spec = new V1JobSpec
        {
            BackoffLimit = JobBackoffLimit,
            Template = pod,
        },
    };

    private static V1PersistentVolumeClaim Claim(Volume volume, string name, KubernetesContext context, IResource resource) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = context.SelectorLabels(resource) },
        Spec = new V1PersistentVolumeClaimSpec
        {
            AccessModes = ["ReadWriteOnce"],
            StorageClassName = volume.Storage?.StorageClass,
            Resources = new V1VolumeResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(volume.Storage?.Size ?? DefaultStorageSize) },
            },
        },
    };

    /// <summary>The container's volumes, each with a pod-level name taken from the last folder of its target (<c>data</c>).</summary>
    private static List<Volume> Volumes(ContainerResource container)
    {
        var storage = container.Annotations.OfType<PersistentStorageAnnotation>().ToList();
        var volumes = new List<Volume>();
        foreach (var mount in container.GetMounts().Where(m => m.Type == ContainerMountType.Volume))
        {
            var stem = ResourceNames.Sanitize(Path.GetFileName(mount.Target.TrimEnd('/')));
            stem = stem.Length == 0 ? "data" : stem[..Math.Min(stem.Length, 40)].TrimEnd('-');
            var name = stem;
            for (var n = 2; volumes.Any(v => v.Name == name); n++)
            {
                name = $"{stem}-{n}";
            }

            volumes.Add(new Volume(name, mount, storage.LastOrDefault(s => s.Target == mount.Target)));
        }

        return volumes;
    }

    private static void ThrowIfDuplicatePortNames(IResource resource, List<V1ContainerPort> ports)
    {
        if (ports.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new DistributedApplicationException(
                $"The endpoints of '{resource.Name}' would share the Kubernetes port name '{duplicate.Key}' (names are cut to " +
                $"{KubernetesNames.MaxPortNameLength} lowercase characters); give them names that differ in their first characters.");
        }
    }

    private sealed record Volume(string Name, ContainerMountAnnotation Mount, PersistentStorageAnnotation? Storage);
}

using AirflowAspire.Hosting.ApplicationModel;
using k8s.Models;

namespace AirflowAspire.Hosting.Publishing.Kubernetes;

/// <summary>
/// The pod of a container that <see cref="ContainerKubernetesTemplate"/> renders: the container as the model
/// describes it (image, command, arguments, environment, ports, probes, resources), its volume mounts, and the
/// pod's and container's security contexts, non-root when the model knows the image's user.
/// </summary>
internal static class ContainerPods
{
    /// <summary>How long a container may take to start before its liveness probe counts.</summary>
    public static readonly TimeSpan StartupAllowance = TimeSpan.FromMinutes(5);

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

    /// <summary>The pod of the container's workload: the container with its volumes mounted, no service account token, no service links.</summary>
    public static V1PodTemplateSpec PodTemplate(ContainerResource container, KubernetesContext context, IReadOnlyList<ContainerVolume> volumes)
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

    private static void ThrowIfDuplicatePortNames(IResource resource, List<V1ContainerPort> ports)
    {
        if (ports.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new DistributedApplicationException(
                $"The endpoints of '{resource.Name}' would share the Kubernetes port name '{duplicate.Key}' (names are cut to " +
                $"{KubernetesNames.MaxPortNameLength} lowercase characters); give them names that differ in their first characters.");
        }
    }
}

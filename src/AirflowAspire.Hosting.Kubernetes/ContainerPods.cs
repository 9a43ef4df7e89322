using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// The pod of a container that <see cref="ContainerKubernetesTemplate"/> renders: the container as the model
/// describes it (image, command, arguments, environment, ports, probes, resources), its volume mounts, and the
/// pod's and container's security contexts, non-root when the image's user is known.
/// </summary>
internal static class ContainerPods
{
    /// <summary>The container as the model describes it: image, command, arguments, environment, ports, probes, resources.</summary>
    public static V1Container Container(ContainerResource container, KubernetesContext context)
    {
        var args = ClusterEnvironment.Arguments(container, context);
        var env = ClusterEnvironment.For(container, context);
        var ports = ContainerPorts(container);
        var result = new V1Container
        {
            Name = container.Name,
            Image = ContainerFacts.Image(container),
            ImagePullPolicy = "IfNotPresent",
            Command = ContainerFacts.Entrypoint(container) is { } entrypoint ? [entrypoint.Replace("$(", "$$(", StringComparison.Ordinal)] : null,
            Args = args.Count == 0 ? null : args,
            Env = env.Count == 0 ? null : env,
            Ports = ports.Count == 0 ? null : ports,
            Resources = KubernetesResources.For(container),
            SecurityContext = ContainerSecurity(container),
        };

        if (ContainerFacts.RunsOnce(container, context.Model) || ModelProbes.Apply(container, result))
        {
            return result;
        }

        if (WellKnownContainers.ReadinessCommand(container) is { } command)
        {
            var check = KubernetesProbes.Exec(command);
            result.ReadinessProbe = KubernetesProbes.Readiness(check);
            result.LivenessProbe = KubernetesProbes.Liveness(check);
            result.StartupProbe = KubernetesProbes.Startup(check);
        }

        return result;
    }

    /// <summary>The container's endpoints as named ports; two that Kubernetes would name alike are refused.</summary>
    public static List<V1ContainerPort> ContainerPorts(IResource resource)
    {
        var ports = ContainerFacts.Endpoints(resource).Select(e => new V1ContainerPort
        {
            Name = KubernetesNames.PortName(resource, e),
            ContainerPort = ContainerFacts.TargetPort(resource, e),
            Protocol = ContainerFacts.Protocol(e),
        }).ToList();
        if (ports.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new DistributedApplicationException(
                $"The endpoints of '{resource.Name}' would share the Kubernetes port name '{duplicate.Key}' (names are cut to " +
                $"{KubernetesNames.MaxPortNameLength} lowercase characters); give them names that differ in their first characters.");
        }

        return ports;
    }

    /// <summary>
    /// The pod's security context: the image's own non-root user when it is known (<see cref="WellKnownContainers.User"/>);
    /// otherwise only the runtime's seccomp profile, since the image's user cannot be told from here.
    /// </summary>
    public static V1PodSecurityContext PodSecurity(IResource resource) =>
        WellKnownContainers.User(resource) is { } user
            ? KubernetesSecurity.Pod(user.User, user.Group, user.Group)
            : new V1PodSecurityContext { SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" } };

    /// <summary>
    /// The container's security context: <see cref="KubernetesSecurity.Container"/>; for an image whose user is not
    /// known, without runAsNonRoot, which the kubelet could not verify for a named user.
    /// </summary>
    public static V1SecurityContext ContainerSecurity(IResource resource)
    {
        var security = KubernetesSecurity.Container();
        if (WellKnownContainers.User(resource) is null)
        {
            security.RunAsNonRoot = null;
        }

        return security;
    }

    /// <summary>The pod of the container's workload: the container with its volumes mounted, no service account token, no service links.</summary>
    public static V1PodTemplateSpec PodTemplate(ContainerResource container, KubernetesContext context, IReadOnlyList<KubernetesVolume> volumes)
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
}

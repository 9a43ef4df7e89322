using k8s;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// Renders any container no other template claims (Postgres, Redis, RabbitMQ, a plain container), each into
/// a folder of its own: a StatefulSet when it keeps data in volumes, a Job when it runs once, a Deployment
/// otherwise; a ClusterIP Service for its endpoints; a PodDisruptionBudget when it has several replicas.
/// The objects themselves are built by <see cref="ContainerPods"/>, <see cref="ContainerWorkloads"/> and
/// <see cref="ContainerServices"/>; this class chooses which of them a container gets.
/// </summary>
internal sealed class ContainerKubernetesTemplate(IReadOnlyList<ContainerResource> containers) : IKubernetesTemplate
{
    public IEnumerable<IResource> Claims(KubernetesContext context) => containers;

    public IEnumerable<KubernetesFile> Render(KubernetesContext context) => containers.SelectMany(c => Render(c, context));

    /// <summary>The metadata of every object written for a resource: the given name and the resource's labels.</summary>
    public static V1ObjectMeta Metadata(string name, IResource resource, KubernetesContext context) => new()
    {
        Name = name,
        Labels = context.Labels(resource, resource.Name),
    };

    private static IEnumerable<KubernetesFile> Render(ContainerResource container, KubernetesContext context)
    {
        if (ContainerFacts.Mounts(container).FirstOrDefault(m => m.Type == ContainerMountType.BindMount) is { } bindMount)
        {
            throw new DistributedApplicationException(
                $"Container '{container.Name}' bind-mounts the host folder '{bindMount.Source}' at '{bindMount.Target}', and a cluster has no " +
                "host folders to mount; bake the files into its image, or use a volume (WithVolume) for data.");
        }

        var folder = container.Name;
        var volumes = KubernetesVolume.Of(container);
        var replicas = ContainerFacts.Replicas(container);
        var pod = ContainerPods.PodTemplate(container, context, volumes);
        if (ContainerFacts.RunsOnce(container, context.Model))
        {
            var claims = volumes.Select(v => ContainerWorkloads.Claim(v, context.Name($"{container.Name}-{v.Name}"), context, container)).ToList();
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

            yield return new KubernetesFile($"{folder}/job.yaml", [ContainerWorkloads.Job(container, context, pod)]);
            yield break;
        }

        var services = new List<IKubernetesObject>();
        if (volumes.Count > 0)
        {
            yield return new KubernetesFile($"{folder}/statefulset.yaml", [ContainerWorkloads.StatefulSet(container, context, pod, volumes, replicas)]);
            services.Add(ContainerServices.HeadlessService(container, context));
        }
        else
        {
            yield return new KubernetesFile($"{folder}/deployment.yaml", [ContainerWorkloads.Deployment(container, context, pod, replicas)]);
        }

        if (ContainerFacts.Endpoints(container).Count > 0)
        {
            services.Insert(0, ContainerServices.Service(container, context));
        }

        if (services.Count > 0)
        {
            yield return new KubernetesFile($"{folder}/service.yaml", services);
        }

        if (replicas > 1)
        {
            yield return new KubernetesFile($"{folder}/poddisruptionbudget.yaml", [ContainerWorkloads.PodDisruptionBudget(container, context)]);
        }
    }
}

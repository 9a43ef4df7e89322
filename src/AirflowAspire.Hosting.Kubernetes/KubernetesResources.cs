using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>A container's requests and limits from its <see cref="ComputeResourcesAnnotation"/>.</summary>
internal static class KubernetesResources
{
    /// <summary>What a container gets when the model says nothing: small, and bounded in memory.</summary>
    public static readonly ComputeResourcesAnnotation Default = new("100m", "128Mi", null, "512Mi");

    public static V1ResourceRequirements For(IResource resource) =>
        For(resource.Annotations.OfType<ComputeResourcesAnnotation>().LastOrDefault() ?? WellKnownContainers.Resources(resource) ?? Default);

    public static V1ResourceRequirements For(ComputeResourcesAnnotation resources)
    {
        var limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new(resources.MemoryLimit) };
        if (resources.CpuLimit is { } cpuLimit)
        {
            limits["cpu"] = new ResourceQuantity(cpuLimit);
        }

        return new V1ResourceRequirements
        {
            Requests = new Dictionary<string, ResourceQuantity>
            {
                ["cpu"] = new(resources.CpuRequest),
                ["memory"] = new(resources.MemoryRequest),
            },
            Limits = limits,
        };
    }
}

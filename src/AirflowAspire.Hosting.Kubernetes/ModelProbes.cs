using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes;

// The probe annotations (ASPIREPROBES001) are experimental in Aspire 13.6; they are how a model asks for HTTP probes.
#pragma warning disable ASPIREPROBES001

/// <summary>The probes a model asks for with Aspire's <c>WithHttpProbe</c>, with the timing it gives.</summary>
internal static class ModelProbes
{
    /// <summary>Sets the container's probes from the resource's <see cref="EndpointProbeAnnotation"/>s; false when it has none.</summary>
    public static bool Apply(IResource resource, V1Container container)
    {
        var annotations = resource.Annotations.OfType<EndpointProbeAnnotation>().ToList();
        foreach (var annotation in annotations)
        {
            var probe = KubernetesProbes.HttpGet(resource, annotation.EndpointReference.EndpointName, annotation.Path);
            probe.InitialDelaySeconds = annotation.InitialDelaySeconds;
            probe.PeriodSeconds = annotation.PeriodSeconds;
            probe.TimeoutSeconds = annotation.TimeoutSeconds;
            probe.FailureThreshold = annotation.FailureThreshold;
            probe.SuccessThreshold = annotation.SuccessThreshold;
            switch (annotation.Type)
            {
                case ProbeType.Startup:
                    container.StartupProbe = probe;
                    break;
                case ProbeType.Readiness:
                    container.ReadinessProbe = probe;
                    break;
                case ProbeType.Liveness:
                    container.LivenessProbe = probe;
                    break;
            }
        }

        return annotations.Count > 0;
    }
}

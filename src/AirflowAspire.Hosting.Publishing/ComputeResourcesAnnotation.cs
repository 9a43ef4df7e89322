using System.Text.RegularExpressions;

namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// CPU and memory a container asks for and may not exceed, in Kubernetes quantity notation
/// (<c>500m</c>, <c>1</c>, <c>512Mi</c>, <c>2Gi</c>). Publishers for clusters write them as requests and limits.
/// </summary>
public sealed partial record ComputeResourcesAnnotation(string CpuRequest, string MemoryRequest, string? CpuLimit, string MemoryLimit)
    : IResourceAnnotation
{
    /// <summary>Throws, naming the resource and the value, when a quantity is not in Kubernetes notation.</summary>
    public void ThrowIfInvalid(string resourceName)
    {
        foreach (var (what, value) in new[] { ("CPU request", CpuRequest), ("memory request", MemoryRequest), ("CPU limit", CpuLimit), ("memory limit", MemoryLimit) })
        {
            if (value is not null && !QuantityPattern().IsMatch(value))
            {
                throw new DistributedApplicationException(
                    $"Resource '{resourceName}': the {what} '{value}' is not a Kubernetes quantity; write e.g. \"500m\" or \"1\" for CPU and \"512Mi\" or \"2Gi\" for memory.");
            }
        }
    }

    [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$")]
    private static partial Regex QuantityPattern();
}


namespace Aspire.Hosting.ApplicationModel;

/// <summary>A persistent volume Airflow's pods share in a cluster, e.g. for task logs.</summary>
/// <param name="Size">The claim's size, e.g. <c>10Gi</c>.</param>
/// <param name="StorageClass">A ReadWriteMany storage class; null for the cluster's default.</param>
public sealed record AirflowVolume(string Size, string? StorageClass = null)
{
    internal static void ThrowIfInvalidSize(string size, string airflowName, string what)
    {
        try
        {
            new ComputeResourcesAnnotation("0", size, null, size).ThrowIfInvalid(airflowName);
        }
        catch (DistributedApplicationException)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflowName}': the {what} size '{size}' is not a Kubernetes quantity; write e.g. \"1Gi\" or \"500Mi\".");
        }
    }
}

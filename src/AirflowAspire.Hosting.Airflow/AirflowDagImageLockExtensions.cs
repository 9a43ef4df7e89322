using AirflowAspire.Hosting.Airflow;

namespace Aspire.Hosting;

public static class AirflowDagImageLockExtensions
{
    /// <summary>
    /// Runs the DAG image a lock file written by <c>dag-packager release --lock &lt;path&gt;</c> names, for a lock
    /// kept elsewhere than <c>dags.lock.json</c> in the AppHost folder (which is read without this call).
    /// The path is relative to the AppHost project; the file must exist.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithDagImageLock(this IResourceBuilder<AirflowResource> airflow, string path)
    {
        ArgumentNullException.ThrowIfNull(airflow);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new DistributedApplicationException($"Airflow '{airflow.Resource.Name}': WithDagImageLock needs the lock file's path.");
        }

        if (airflow.Resource.HasCustomImage && !airflow.Resource.Annotations.OfType<AirflowDagImageLockAnnotation>().Any())
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Resource.Name}' sets both WithImage(...) and WithDagImageLock(\"{path}\"); keep one.");
        }

        AirflowDagImageLock.Apply(Path.GetFullPath(Path.Combine(airflow.ApplicationBuilder.AppHostDirectory, path)), isExplicit: true, airflow.Resource);
        AirflowComponentSet.Sync(airflow.ApplicationBuilder, airflow.Resource);
        return airflow;
    }
}

using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Integrations.Airflow;

// In the root namespace, as the other Airflow builder methods.
namespace AirflowAspire.Hosting;

public static class AirflowDagImageLockExtensions
{
    /// <summary>
    /// Runs the DAG image a lock file written by <c>dag-packager release --lock &lt;path&gt;</c> names, for a lock
    /// kept elsewhere than <c>dags.lock.json</c> in the AppHost folder (which is read without this call).
    /// The path is relative to the AppHost project; the file is read at Build(), and must exist then.
    /// </summary>
    public static IResourceBuilder<AirflowResource> WithDagImageLock(this IResourceBuilder<AirflowResource> airflow, string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new DistributedApplicationException($"Airflow '{airflow.Resource.Name}': WithDagImageLock needs the lock file's path.");
        }

        return airflow.WithAnnotation(new AirflowDagImageLockAnnotation(Path.GetFullPath(Path.Combine(airflow.ApplicationBuilder.AppHostDirectory, path))));
    }
}

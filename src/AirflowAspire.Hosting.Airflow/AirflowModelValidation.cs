namespace AirflowAspire.Hosting.Airflow;

/// <summary>
/// Checks of settings that only make sense together, run before the app starts or is published (when every
/// WithX has been called): each names the Airflow resource and the fix.
/// </summary>
internal static class AirflowModelValidation
{
    public static void ThrowIfInvalid(AirflowResource airflow)
    {
        if (airflow.Database is null && airflow.ExternalDatabase is null)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Name}' has no metadata database: add one with " +
                $".WithDatabase(builder.AddPostgres(\"postgres\").AddDatabase(\"{airflow.Name}-db\")).");
        }

        if (airflow.Executor != AirflowExecutor.Celery && airflow.RequestedWorkers is not null)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Name}' sets WithWorkers({airflow.Workers}) but uses the {airflow.Executor}Executor; " +
                "Celery workers need WithCeleryExecutor(redis or rabbitmq).");
        }

        if (airflow.Executor != AirflowExecutor.Celery && airflow.HasFlower)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Name}' asks for Flower but uses the {airflow.Executor}Executor; Flower monitors Celery, so use WithCeleryExecutor(...) or drop WithFlower().");
        }

        if (airflow.Executor != AirflowExecutor.Celery && airflow.WorkerAutoscaling is not null)
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Name}' autoscales Celery workers but uses the {airflow.Executor}Executor; use WithCeleryExecutor(...) or drop the autoscaling.");
        }

        if (airflow.IsStandalonePod && (airflow.Executor != AirflowExecutor.Local || airflow.Database is null))
        {
            throw new DistributedApplicationException(
                $"Airflow '{airflow.Name}' is published as a standalone pod, which holds the LocalExecutor and its own Postgres; " +
                "use WithLocalExecutor() and WithDatabase(builder.AddPostgres(...).AddDatabase(...)), or drop PublishAsStandalonePod().");
        }

        airflow.DagDelivery.ThrowIfInvalid(airflow.Name);
        AirflowDagImageLock.ThrowIfVersionDiffers(airflow);
    }
}

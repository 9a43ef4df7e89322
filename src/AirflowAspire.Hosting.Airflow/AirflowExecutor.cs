namespace Aspire.Hosting.ApplicationModel;

/// <summary>Where Airflow runs tasks.</summary>
public enum AirflowExecutor
{
    /// <summary>In processes of the scheduler's container. Airflow 3's default.</summary>
    Local,

    /// <summary>On Celery workers, fed through a Redis or RabbitMQ broker.</summary>
    Celery,

    /// <summary>One Kubernetes pod per task, from a pod template.</summary>
    Kubernetes,
}

namespace Aspire.Hosting.ApplicationModel;

public enum AirflowAutoscaler
{
    /// <summary>A HorizontalPodAutoscaler on the workers' CPU use.</summary>
    HorizontalPodAutoscaler,

    /// <summary>A KEDA ScaledObject on the number of queued and running Celery tasks; can scale to zero.</summary>
    Keda,
}

/// <summary>How the number of Celery workers follows the load in a cluster.</summary>
/// <param name="Autoscaler">What scales them.</param>
/// <param name="MinReplicas">Fewest workers (0 only with KEDA).</param>
/// <param name="MaxReplicas">Most workers.</param>
/// <param name="TargetCpuUtilization">For the HorizontalPodAutoscaler: the average CPU use, in percent of the request, it aims for.</param>
/// <param name="TasksPerWorker">For KEDA: how many tasks one worker takes (Celery's worker concurrency).</param>
public sealed record AirflowWorkerAutoscaling(
    AirflowAutoscaler Autoscaler, int MinReplicas, int MaxReplicas, int TargetCpuUtilization = 80, int TasksPerWorker = 16);

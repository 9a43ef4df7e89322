using AirflowAspire.Hosting.Airflow;
using k8s;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// <c>workers.yaml</c>: the Celery workers as a StatefulSet behind a headless Service that exposes the log
/// server (8793), so the API server fetches a task's log from <c>airflow-worker-N.airflow-worker</c>, the name
/// the worker recorded. Replicas come from the model, or from a HorizontalPodAutoscaler on CPU or a KEDA
/// ScaledObject on the queued and running tasks; a PodDisruptionBudget keeps drains to one worker at a time,
/// and ten minutes of grace let running tasks finish (Celery's warm shutdown).
/// </summary>
internal static class AirflowWorkers
{
    public static KubernetesFile Render(AirflowCluster cluster)
    {
        const AirflowRole role = AirflowRole.Worker;
        var worker = cluster.Component(role);
        var autoscaling = cluster.Airflow.WorkerAutoscaling;
        var name = cluster.Context.Name(worker);
        var main = AirflowContainers.Container(cluster, role);
        var objects = new List<IKubernetesObject>
        {
            AirflowWorkloads.Service(cluster, role, AirflowContainers.Ports(cluster, role), headless: true),

            // An autoscaler owns the count: a replicas field would reset it on every apply.
            AirflowWorkloads.StatefulSet(cluster, role, AirflowPods.Pod(cluster, role, main), autoscaling is null ? worker.GetReplicaCount() : null, name),
        };

        switch (autoscaling)
        {
            case { Autoscaler: AirflowAutoscaler.HorizontalPodAutoscaler }:
                objects.Add(HorizontalPodAutoscaler(cluster, autoscaling, name));
                break;
            case { Autoscaler: AirflowAutoscaler.Keda }:
                objects.Add(ScaledObject(cluster, autoscaling, name, main));
                break;
        }

        if (AirflowWorkloads.IsReplicated(cluster, role))
        {
            objects.Add(AirflowWorkloads.DisruptionBudget(cluster, role));
        }

        return new KubernetesFile(cluster.FilePath("workers"), objects);
    }

    private static V2HorizontalPodAutoscaler HorizontalPodAutoscaler(AirflowCluster cluster, AirflowWorkerAutoscaling autoscaling, string name) => new()
    {
        ApiVersion = "autoscaling/v2",
        Kind = "HorizontalPodAutoscaler",
        Metadata = cluster.Metadata(AirflowRole.Worker),
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "StatefulSet", Name = name },
            MinReplicas = autoscaling.MinReplicas,
            MaxReplicas = autoscaling.MaxReplicas,
            Metrics =
            [
                new V2MetricSpec
                {
                    Type = "Resource",
                    Resource = new V2ResourceMetricSource
                    {
                        Name = "cpu",
                        Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = autoscaling.TargetCpuUtilization },
                    },
                },
            ],
        },
    };

    /// <summary>
    /// The chart's KEDA trigger: as many workers as the queued and running task instances need at the given
    /// tasks per worker, read from the metadata database with the password of the worker's own environment.
    /// </summary>
    private static KedaScaledObject ScaledObject(AirflowCluster cluster, AirflowWorkerAutoscaling autoscaling, string name, V1Container worker)
    {
        var database = cluster.Airflow.Database
            ?? throw new DistributedApplicationException(
                $"Airflow '{cluster.Airflow.Name}' scales its workers with KEDA, which counts queued tasks in the metadata database, but the database " +
                $"is external (the connection string '{cluster.Airflow.ExternalDatabase?.Name}'), and KEDA needs its host, user and password apart. " +
                "Use WithWorkerAutoscaling(min, max) for a HorizontalPodAutoscaler on CPU, or WithDatabase(builder.AddPostgres(...).AddDatabase(...)).");
        var server = database.Parent;
        var passwordKey = SecretReference.KeyOf(server.PasswordParameter);
        var passwordVariable = worker.Env?.FirstOrDefault(v => v.ValueFrom?.SecretKeyRef?.Key == passwordKey)?.Name
            ?? throw new InvalidOperationException($"The worker of Airflow '{cluster.Airflow.Name}' reads no variable from the Secret key '{passwordKey}' for KEDA.");

        var endpoint = server.PrimaryEndpoint.EndpointAnnotation;
        var query =
            $"SELECT ceil(COUNT(*)::decimal / {autoscaling.TasksPerWorker}) FROM task_instance WHERE (state='running' OR state='queued')";
        return new KedaScaledObject
        {
            Metadata = cluster.Metadata(AirflowRole.Worker),
            Spec = new KedaScaledObjectSpec
            {
                ScaleTargetRef = new KedaScaleTarget { ApiVersion = "apps/v1", Kind = "StatefulSet", Name = name, EnvSourceContainerName = worker.Name },
                PollingInterval = 5,
                CooldownPeriod = 30,
                MinReplicaCount = autoscaling.MinReplicas,
                MaxReplicaCount = autoscaling.MaxReplicas,
                Triggers =
                [
                    new KedaTrigger
                    {
                        Type = "postgresql",
                        Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
                        {
                            // KEDA queries from its own namespace, so the Service's name is qualified with the deployment's.
                            ["host"] = $"{cluster.Context.Name(server)}.{cluster.Context.Namespace}.svc",
                            ["port"] = ContainerFacts.TargetPort(server, endpoint).ToString(System.Globalization.CultureInfo.InvariantCulture),
                            ["userName"] = server.UserNameParameter is { } user ? cluster.Context.ParameterValue(user) : "postgres",
                            ["dbName"] = database.DatabaseName,
                            ["sslmode"] = "disable",
                            ["passwordFromEnv"] = passwordVariable,
                            ["query"] = query,
                            ["targetQueryValue"] = "1",
                        },
                    },
                ],
            },
        };
    }
}

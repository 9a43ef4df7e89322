using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Airflow;

/// <summary>Celery with KubernetesPodOperator tasks (the celery-redis example): RBAC for the pods that run tasks, and only for them.</summary>
public sealed class PodOperatorTests
{
    [SkippableFact]
    public async Task OnlyWorkersAndTheTriggererRunAsThePodLauncher()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithRedisCelery().WithWorkers(2).WithFlower().WithTriggerer().WithKubernetesPodOperator();
        using var cluster = await test.PublishAsync();

        Assert.Contains("airflow/rbac.yaml", cluster.Files);
        Assert.Single(cluster.All<V1Role>());
        Assert.Empty(cluster.All<V1ClusterRole>());
        Assert.Empty(cluster.All<V1ClusterRoleBinding>());

        foreach (var name in new[] { "airflow-worker", "airflow-triggerer" })
        {
            var pod = cluster.Get<V1StatefulSet>(name).Spec.Template.Spec;
            Assert.Equal("airflow-pod-launcher", pod.ServiceAccountName);
            Assert.True(pod.AutomountServiceAccountToken, name);
        }

        foreach (var name in new[] { "airflow-scheduler", "airflow-api-server", "airflow-dag-processor", "airflow-flower" })
        {
            var pod = cluster.Get<V1Deployment>(name).Spec.Template.Spec;
            Assert.Null(pod.ServiceAccountName);
            Assert.False(pod.AutomountServiceAccountToken, name);
        }

        Assert.False(cluster.Get<V1Job>("airflow-init").Spec.Template.Spec.AutomountServiceAccountToken);
    }
}

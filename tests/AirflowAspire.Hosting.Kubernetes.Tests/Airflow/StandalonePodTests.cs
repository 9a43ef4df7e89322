using k8s.Models;
using static AirflowAspire.Hosting.Kubernetes.Tests.Airflow.AirflowObjects;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Airflow;

/// <summary>The standalone topology: Postgres and every Airflow component in one StatefulSet pod.</summary>
public sealed class StandalonePodTests
{
    private static async Task<PublishedCluster> PublishStandaloneAsync(TestApp test)
    {
        test.AddAirflowWithDatabase(postgresVolume: true).WithLocalExecutor().PublishAsStandalonePod().WithDags(test.CreateFolder("dags"));
        return await test.PublishAsync();
    }

    [SkippableFact]
    public async Task OnePodHoldsPostgresAndEveryComponent()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishStandaloneAsync(test);

        var statefulSet = Assert.Single(cluster.All<V1StatefulSet>());
        Assert.Equal("airflow", statefulSet.Metadata.Name);
        Assert.Equal(1, statefulSet.Spec.Replicas);
        Assert.Empty(cluster.All<V1Deployment>());
        Assert.Empty(cluster.All<V1Job>());
        Assert.False(cluster.Has<V1Service>("postgres"));
        Assert.Equal(new[] { "airflow/config.yaml", "airflow/standalone.yaml" }, cluster.Files.Where(f => f.StartsWith("airflow", StringComparison.Ordinal)));

        var pod = statefulSet.Spec.Template.Spec;
        Assert.Equal(new[] { "postgres", "migrate", "create-user" }, pod.InitContainers.Select(c => c.Name));
        Assert.Equal(new[] { "api-server", "scheduler", "dag-processor" }, pod.Containers.Select(c => c.Name));
        Assert.DoesNotContain(AllContainers(pod), c => c.Name == "wait-for-migrations");
        Assert.Equal(new[] { "db", "migrate" }, Container(pod, "migrate").Args);
        Assert.Equal("LocalExecutor", cluster.Get<V1ConfigMap>("airflow-config").Data["AIRFLOW__CORE__EXECUTOR"]);
    }

    [SkippableFact]
    public async Task PostgresIsANativeSidecarThatStartsFirst()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishStandaloneAsync(test);

        var pod = cluster.Get<V1StatefulSet>("airflow").Spec.Template.Spec;
        var postgres = pod.InitContainers[0];
        Assert.Equal("postgres", postgres.Name);
        Assert.Equal("Always", postgres.RestartPolicy);
        Assert.Contains("pg_isready", Command(postgres.StartupProbe), StringComparison.Ordinal);
        Assert.True(Tolerance(postgres.StartupProbe) >= TimeSpan.FromMinutes(3));
        Assert.NotNull(postgres.LivenessProbe);
        Assert.Equal("postgres-password", SecretKey(postgres, "POSTGRES_PASSWORD"));

        // It runs as the image's postgres user, never root, and keeps its data on the pod's claim.
        Assert.Equal(999, postgres.SecurityContext.RunAsUser);
        Assert.False(postgres.SecurityContext.AllowPrivilegeEscalation);
        var data = Mount(postgres, "/var/lib/postgresql")!;
        var claim = Assert.Single(cluster.Get<V1StatefulSet>("airflow").Spec.VolumeClaimTemplates);
        Assert.Equal(claim.Metadata.Name, data.Name);
        Assert.Equal(new[] { "ReadWriteOnce" }, claim.Spec.AccessModes);
        Assert.NotNull(claim.Spec.Resources.Requests["storage"]);
    }

    [SkippableFact]
    public async Task ComponentsReachPostgresAndEachOtherOnLocalhost()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishStandaloneAsync(test);

        var pod = cluster.Get<V1StatefulSet>("airflow").Spec.Template.Spec;
        foreach (var container in AllContainers(pod).Where(IsAirflow))
        {
            Assert.Equal("127.0.0.1:5432/airflow", Env(container, "AIRFLOWASPIRE_DATABASE_ADDRESS")!.Value);
        }

        Assert.Equal("http://127.0.0.1:8080/execution/", cluster.Get<V1ConfigMap>("airflow-config").Data["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"]);

        // The containers share the pod's network, so no two ports have one name.
        var ports = pod.Containers.Concat(pod.InitContainers).SelectMany(c => c.Ports ?? []).ToList();
        Assert.Equal(ports.Count, ports.Select(p => p.Name).Distinct().Count());
        Assert.Equal(ports.Count, ports.Select(p => p.ContainerPort).Distinct().Count());
    }

    [SkippableFact]
    public async Task EveryContainerIsProbedAndUnprivileged()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishStandaloneAsync(test);

        var pod = cluster.Get<V1StatefulSet>("airflow").Spec.Template.Spec;
        Assert.Equal(50000, pod.SecurityContext.RunAsUser);
        Assert.Equal(0, pod.SecurityContext.RunAsGroup);
        Assert.False(pod.AutomountServiceAccountToken);
        foreach (var container in pod.Containers)
        {
            Assert.NotNull(container.StartupProbe);
            Assert.NotNull(container.LivenessProbe);
            Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
            Assert.Equal(new[] { "ALL" }, container.SecurityContext.Capabilities.Drop);
            Assert.NotNull(container.Resources.Limits["memory"]);
        }

        Assert.Equal("/api/v2/monitor/health", Container(pod, "api-server").ReadinessProbe.HttpGet.Path);
        Assert.Contains("--job-type SchedulerJob --local", Command(Container(pod, "scheduler").LivenessProbe), StringComparison.Ordinal);

        // The UI reads what the scheduler's tasks logged from the folder they share.
        var logs = Mount(Container(pod, "scheduler"), "/opt/airflow/logs")!;
        Assert.Equal(logs.Name, Mount(Container(pod, "api-server"), "/opt/airflow/logs")!.Name);
        Assert.NotNull(Volume(pod, logs.Name).EmptyDir);

        // DAGs are baked into the image: no host folder, nothing mounted over it.
        Assert.DoesNotContain(pod.Volumes ?? [], v => v.HostPath is not null);
        Assert.DoesNotContain(pod.Containers, c => Mount(c, "/opt/airflow/dags") is not null);
    }

    [SkippableFact]
    public async Task ATriggererJoinsThePodAndAnIngressFrontsIt()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithLocalExecutor().WithTriggerer().PublishAsStandalonePod().WithIngress("airflow.example.com");
        using var cluster = await test.PublishAsync();

        var pod = cluster.Get<V1StatefulSet>("airflow").Spec.Template.Spec;
        Assert.Contains("--job-type TriggererJob --local", Command(Container(pod, "triggerer").LivenessProbe), StringComparison.Ordinal);
        var ports = pod.Containers.SelectMany(c => c.Ports ?? []).ToList();
        Assert.Equal(ports.Count, ports.Select(p => p.Name).Distinct().Count());

        var ingress = cluster.Get<V1Ingress>("airflow-api-server");
        Assert.Equal("airflow-api-server", ingress.Spec.Rules[0].Http.Paths[0].Backend.Service.Name);
    }

    [SkippableFact]
    public async Task AServiceFrontsTheUi()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishStandaloneAsync(test);

        var statefulSet = cluster.Get<V1StatefulSet>("airflow");
        var ui = cluster.Get<V1Service>("airflow-api-server");
        Assert.Equal("ClusterIP", ui.Spec.Type);
        Assert.Contains(ui.Spec.Ports, p => p.Port == 8080);
        Assert.True(Selects(ui.Spec.Selector, statefulSet.Spec.Template.Metadata.Labels));

        var headless = cluster.Get<V1Service>(statefulSet.Spec.ServiceName);
        Assert.Equal("None", headless.Spec.ClusterIP);
        Assert.True(Selects(headless.Spec.Selector, statefulSet.Spec.Template.Metadata.Labels));
        Assert.True(Selects(statefulSet.Spec.Selector.MatchLabels, statefulSet.Spec.Template.Metadata.Labels));
    }
}

using k8s.Models;
using static AirflowAspire.Hosting.Kubernetes.Tests.Airflow.AirflowObjects;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Airflow;

/// <summary>The default topology of the AppHost (Celery on Redis, two workers, Flower, a triggerer, a DAG folder) in a cluster.</summary>
public sealed class CeleryRedisTests
{
    private static async Task<PublishedCluster> PublishDefaultAsync(TestApp test)
    {
        test.AddAirflowWithDatabase(postgresVolume: true).WithRedisCelery().WithWorkers(2).WithFlower().WithTriggerer().WithDags(test.CreateFolder("dags"));
        return await test.PublishAsync();
    }

    [SkippableFact]
    public async Task EachComponentHasItsOwnFileInTheAirflowFolder()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishDefaultAsync(test);

        foreach (var file in new[] { "config", "migrations", "api-server", "scheduler", "dag-processor", "triggerer", "workers", "flower" })
        {
            Assert.Contains($"airflow/{file}.yaml", cluster.Files);
        }

        Assert.DoesNotContain("airflow/rbac.yaml", cluster.Files);
        Assert.DoesNotContain("airflow/pod-template.yaml", cluster.Files);

        // The generic container template renders none of the Airflow components.
        Assert.DoesNotContain(cluster.Files, f => f.StartsWith("airflow-", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task EveryAirflowPodRunsAsTheAirflowUserWithoutPrivileges()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishDefaultAsync(test);

        var pods = cluster.AirflowPods();
        Assert.Equal(7, pods.Count);
        foreach (var (owner, spec) in pods)
        {
            Assert.True(spec.SecurityContext.RunAsNonRoot, owner);
            Assert.Equal(50000, spec.SecurityContext.RunAsUser);
            Assert.Equal(0, spec.SecurityContext.RunAsGroup);
            Assert.Equal(0, spec.SecurityContext.FsGroup);
            foreach (var container in AllContainers(spec))
            {
                Assert.False(container.SecurityContext.AllowPrivilegeEscalation, $"{owner} {container.Name}");
                Assert.Equal(new[] { "ALL" }, container.SecurityContext.Capabilities.Drop);
                Assert.NotNull(container.Resources.Requests["cpu"]);
                Assert.NotNull(container.Resources.Requests["memory"]);
                Assert.NotNull(container.Resources.Limits["memory"]);
            }
        }
    }

    [SkippableFact]
    public async Task ResourcesComeFromEachComponent()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithRedisCelery()
            .WithComponent(AirflowRole.Worker, worker => worker.WithComputeResources("2", "4Gi", "4", "8Gi"));
        using var cluster = await test.PublishAsync();

        var worker = Container(cluster.Get<V1StatefulSet>("airflow-worker"), "worker");
        Assert.Equal("2", worker.Resources.Requests["cpu"].ToString());
        Assert.Equal("4Gi", worker.Resources.Requests["memory"].ToString());
        Assert.Equal("4", worker.Resources.Limits["cpu"].ToString());
        Assert.Equal("8Gi", worker.Resources.Limits["memory"].ToString());

        var scheduler = Container(cluster.Get<V1Deployment>("airflow-scheduler"), "scheduler");
        Assert.Equal("100m", scheduler.Resources.Requests["cpu"].ToString());
        Assert.Equal("2Gi", scheduler.Resources.Limits["memory"].ToString());
    }

    [SkippableFact]
    public async Task TheMigrationJobMigratesThenCreatesTheAdminWithThePasswordFromTheSecret()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishDefaultAsync(test);

        var job = cluster.Get<V1Job>("airflow-init");
        var pod = job.Spec.Template.Spec;
        Assert.Equal(new[] { "db", "migrate" }, Container(pod, "migrate").Args);
        Assert.Contains(pod.InitContainers, c => c.Name == "migrate");

        // The password reaches `users create` on its prompt from the container's variable (AdminPasswordTests).
        var createUser = Container(pod, "create-user");
        Assert.Equal(new[] { "bash", "-c" }, createUser.Args.Take(2));
        Assert.Contains("| airflow users create --username \"$AIRFLOWASPIRE_ADMIN_USERNAME\"", createUser.Args[2], StringComparison.Ordinal);
        Assert.Contains("--role Admin", createUser.Args[2], StringComparison.Ordinal);
        Assert.Equal("airflow-admin-password", SecretKey(createUser, "AIRFLOWASPIRE_ADMIN_PASSWORD"));
        Assert.StartsWith(cluster.GeneratedSecret.Metadata.Name, Env(createUser, "AIRFLOWASPIRE_ADMIN_PASSWORD")!.ValueFrom.SecretKeyRef.Name, StringComparison.Ordinal);
        Assert.Equal("admin", Env(createUser, "AIRFLOWASPIRE_ADMIN_USERNAME")!.Value);

        // The image's own start-up migration and user creation are not used in the cluster.
        Assert.DoesNotContain(AllContainers(pod).SelectMany(c => c.Env ?? []), e => e.Name.StartsWith("_AIRFLOW_", StringComparison.Ordinal));

        // No value of the Secret is written anywhere but in the Secret.
        var admin = cluster.SecretValues["airflow-admin-password"];
        Assert.DoesNotContain(cluster.Objects.Where(o => o is not V1Secret), o => KubernetesYamlText(o).Contains(admin, StringComparison.Ordinal));
        Assert.Equal("OnFailure", pod.RestartPolicy);
        Assert.NotNull(job.Spec.TtlSecondsAfterFinished);
    }

    [SkippableFact]
    public async Task EveryLongRunningAirflowPodWaitsForTheMigrations()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishDefaultAsync(test);

        var pods = cluster.AirflowServicePods();
        Assert.Equal(6, pods.Count);
        foreach (var (owner, spec) in pods)
        {
            var wait = spec.InitContainers.First();
            Assert.True(wait.Name == "wait-for-migrations", owner);
            Assert.Equal(new[] { "db", "check-migrations", "--migration-wait-timeout=60" }, wait.Args);
            Assert.Equal("airflow", Env(wait, "AIRFLOWASPIRE_DATABASE_ADDRESS")!.Value.Split('/').Last());
        }
    }

    [SkippableFact]
    public async Task EveryLongRunningContainerHasTheChartsProbes()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishDefaultAsync(test);

        var api = Container(cluster.Get<V1Deployment>("airflow-api-server"), "api-server");
        foreach (var probe in new[] { api.LivenessProbe, api.ReadinessProbe, api.StartupProbe })
        {
            Assert.Equal("/api/v2/monitor/health", probe.HttpGet.Path);
            Assert.Equal("8080", probe.HttpGet.Port.Value);
        }

        AssertJobCheck(Container(cluster.Get<V1Deployment>("airflow-scheduler"), "scheduler"), "SchedulerJob");
        AssertJobCheck(Container(cluster.Get<V1Deployment>("airflow-dag-processor"), "dag-processor"), "DagProcessorJob");
        AssertJobCheck(Container(cluster.Get<V1StatefulSet>("airflow-triggerer"), "triggerer"), "TriggererJob");

        var worker = Container(cluster.Get<V1StatefulSet>("airflow-worker"), "worker");
        var ping = Command(worker.LivenessProbe);
        Assert.StartsWith("sh -c ", ping, StringComparison.Ordinal);
        Assert.Contains("--app airflow.providers.celery.executors.celery_executor.app inspect ping -d \"celery@$(hostname)\"", ping, StringComparison.Ordinal);
        Assert.Contains("|| /entrypoint python -m celery --app airflow.executors.celery_executor.app inspect ping", ping, StringComparison.Ordinal);
        Assert.Contains("CONNECTION_CHECK_MAX_COUNT=0", ping, StringComparison.Ordinal);
        Assert.Equal(ping, Command(worker.StartupProbe));

        var flower = Container(cluster.Get<V1Deployment>("airflow-flower"), "flower");
        Assert.Equal("5555", flower.LivenessProbe.HttpGet.Port.Value);
        Assert.NotNull(flower.ReadinessProbe.HttpGet);

        // Startup probes give a slow first start several minutes before liveness can restart it.
        foreach (var (owner, spec) in cluster.AirflowServicePods())
        {
            var main = spec.Containers.First();
            Assert.True(main.StartupProbe is not null && main.LivenessProbe is not null, owner);
            Assert.True(Tolerance(main.StartupProbe) >= TimeSpan.FromMinutes(3), $"{owner}: {Tolerance(main.StartupProbe)}");
        }
    }

    private static void AssertJobCheck(V1Container container, string jobType)
    {
        foreach (var probe in new[] { container.LivenessProbe, container.StartupProbe })
        {
            var command = Command(probe);
            Assert.StartsWith("sh -c ", command, StringComparison.Ordinal);
            Assert.Contains($"airflow jobs check --job-type {jobType} --local", command, StringComparison.Ordinal);
            Assert.Contains("CONNECTION_CHECK_MAX_COUNT=0", command, StringComparison.Ordinal);
            Assert.Contains("AIRFLOW__LOGGING__LOGGING_LEVEL=ERROR", command, StringComparison.Ordinal);
        }

        Assert.Equal(60, container.LivenessProbe.PeriodSeconds);
        Assert.Null(container.ReadinessProbe);
    }

    [SkippableFact]
    public async Task WorkersAreAStatefulSetBehindAHeadlessServiceForTheirLogs()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishDefaultAsync(test);

        var workers = cluster.Get<V1StatefulSet>("airflow-worker");
        Assert.Equal(2, workers.Spec.Replicas);
        Assert.Equal("airflow-worker", workers.Spec.ServiceName);
        Assert.True(workers.Spec.Template.Spec.TerminationGracePeriodSeconds >= 300);

        var service = cluster.Get<V1Service>("airflow-worker");
        Assert.Equal("None", service.Spec.ClusterIP);
        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal(8793, port.Port);
        Assert.True(Selects(service.Spec.Selector, workers.Spec.Template.Metadata.Labels));
        var worker = Container(workers, "worker");
        Assert.Contains(worker.Ports, p => p.ContainerPort == 8793 && p.Name == port.TargetPort.Value);

        // The host name each worker records is its stable name under the headless Service.
        var config = cluster.Get<V1ConfigMap>("airflow-config");
        Assert.Equal("airflow.utils.net.getfqdn", config.Data["AIRFLOW__CORE__HOSTNAME_CALLABLE"]);
        Assert.Equal("8793", config.Data["AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT"]);

        var budget = cluster.Get<V1PodDisruptionBudget>("airflow-worker");
        Assert.Equal("policy/v1", budget.ApiVersion);
        Assert.Equal("1", budget.Spec.MaxUnavailable.Value);
        Assert.True(Selects(budget.Spec.Selector.MatchLabels, workers.Spec.Template.Metadata.Labels));

        // Workers stop warmly: the entrypoint lets Celery see SIGTERM.
        Assert.Equal("0", Env(worker, "DUMB_INIT_SETSID")!.Value);
    }

    [SkippableFact]
    public async Task TheTriggererIsAStatefulSetThatServesItsLogsByName()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishDefaultAsync(test);

        var triggerer = cluster.Get<V1StatefulSet>("airflow-triggerer");
        var service = cluster.Get<V1Service>("airflow-triggerer");
        Assert.Equal("None", service.Spec.ClusterIP);
        Assert.Equal(triggerer.Spec.ServiceName, service.Metadata.Name);
        Assert.Contains(service.Spec.Ports, p => p.Port == 8794);
        Assert.Contains(Container(triggerer, "triggerer").Ports, p => p.ContainerPort == 8794);
    }

    [SkippableFact]
    public async Task TheUiAndFlowerHaveClusterIPServices()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishDefaultAsync(test);

        var api = cluster.Get<V1Service>("airflow-api-server");
        Assert.Equal("ClusterIP", api.Spec.Type);
        Assert.Contains(api.Spec.Ports, p => p.Port == 8080);
        Assert.True(Selects(api.Spec.Selector, cluster.Get<V1Deployment>("airflow-api-server").Spec.Template.Metadata.Labels));
        Assert.Empty(cluster.All<V1Ingress>());

        var flower = cluster.Get<V1Service>("airflow-flower");
        Assert.Contains(flower.Spec.Ports, p => p.Port == 5555);
        Assert.True(Selects(flower.Spec.Selector, cluster.Get<V1Deployment>("airflow-flower").Spec.Template.Metadata.Labels));

        // Values that point at the API server use its Service's name.
        Assert.Equal("http://airflow-api-server:8080/execution/", cluster.Get<V1ConfigMap>("airflow-config").Data["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"]);
    }

    [SkippableFact]
    public async Task TheConfigMapIsTheOnlySourceOfPlainSettingsAndHoldsNoSecret()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithRedisCelery().WithConfig("core", "parallelism", "64");
        using var cluster = await test.PublishAsync();

        var config = cluster.Get<V1ConfigMap>("airflow-config");
        Assert.Equal("CeleryExecutor", config.Data["AIRFLOW__CORE__EXECUTOR"]);
        Assert.Contains("'postgresql+psycopg2://'", config.Data["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_CMD"], StringComparison.Ordinal);
        Assert.Equal("64", config.Data["AIRFLOW__CORE__PARALLELISM"]);
        Assert.Equal("false", config.Data["AIRFLOW__CORE__LOAD_EXAMPLES"]);

        foreach (var forbidden in new[] { "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "AIRFLOW__CELERY__BROKER_URL", "AIRFLOW__CELERY__RESULT_BACKEND", "AIRFLOW__API_AUTH__JWT_SECRET", "AIRFLOW__API__SECRET_KEY" })
        {
            Assert.DoesNotContain(forbidden, config.Data.Keys);
        }

        foreach (var (key, value) in cluster.SecretValues)
        {
            Assert.DoesNotContain(cluster.All<V1ConfigMap>().SelectMany(m => m.Data?.Values ?? []), v => v.Contains(value, StringComparison.Ordinal));
        }

        foreach (var (owner, spec) in cluster.AirflowPods())
        {
            foreach (var container in AllContainers(spec).Where(IsAirflow))
            {
                Assert.Equal(new[] { "airflow-config" }, ConfigMapsFrom(container));
                Assert.DoesNotContain(container.Env ?? [], e => config.Data.ContainsKey(e.Name));
                Assert.Equal("postgres:5432/airflow", Env(container, "AIRFLOWASPIRE_DATABASE_ADDRESS")!.Value);
                Assert.Equal("postgres-password", SecretKey(container, "AIRFLOWASPIRE_DATABASE_PASSWORD"));
                Assert.Equal("airflow-jwt-secret", SecretKey(container, "AIRFLOW__API_AUTH__JWT_SECRET"));
            }
        }

        // Pods roll when the configuration changes.
        var checksum = cluster.Get<V1Deployment>("airflow-scheduler").Spec.Template.Metadata.Annotations["checksum/airflow-config"];
        Assert.Matches("^[0-9a-f]{64}$", checksum);
    }

    [SkippableFact]
    public async Task OverridesThatAreSecretStayInTheContainersEnvironment()
    {
        using var test = TestApp.CreateForPublish();
        var dsn = test.Builder.AddParameter("sentry-dsn", new GenerateParameterDefault { MinLength = 16 }, secret: true);
        test.AddAirflowWithDatabase(postgresVolume: true).WithRedisCelery()
            .WithConfig("sentry", "sentry_dsn", ReferenceExpression.Create($"{dsn.Resource}"))
            .WithConfig("celery", "flower_basic_auth", "admin:literal");
        using var cluster = await test.PublishAsync();

        var config = cluster.Get<V1ConfigMap>("airflow-config");
        Assert.DoesNotContain("AIRFLOW__SENTRY__SENTRY_DSN", config.Data.Keys);
        Assert.DoesNotContain("AIRFLOW__CELERY__FLOWER_BASIC_AUTH", config.Data.Keys);

        var scheduler = Container(cluster.Get<V1Deployment>("airflow-scheduler"), "scheduler");
        Assert.Equal("sentry-dsn", SecretKey(scheduler, "AIRFLOW__SENTRY__SENTRY_DSN"));
        Assert.Equal("admin:literal", Env(scheduler, "AIRFLOW__CELERY__FLOWER_BASIC_AUTH")!.Value);
    }

    [SkippableFact]
    public async Task TheDagFolderOfTheAppHostNeverBecomesAHostPath()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishDefaultAsync(test);

        foreach (var (owner, spec) in cluster.PodSpecs())
        {
            Assert.DoesNotContain(spec.Volumes ?? [], v => v.HostPath is not null);
        }

        // Baked DAGs: nothing is mounted over the image's DAG folder.
        Assert.DoesNotContain(cluster.AirflowPods().SelectMany(p => AllContainers(p.Spec)), c => Mount(c, "/opt/airflow/dags") is not null);
    }

    [SkippableFact]
    public async Task WithoutPodLaunchingNoPodGetsAnApiToken()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishDefaultAsync(test);

        Assert.Empty(cluster.All<V1ServiceAccount>());
        Assert.Empty(cluster.All<V1Role>());
        Assert.Empty(cluster.All<V1ClusterRole>());
        foreach (var (owner, spec) in cluster.AirflowPods())
        {
            Assert.False(spec.AutomountServiceAccountToken, owner);
            Assert.Null(spec.ServiceAccountName);
        }
    }

    [SkippableFact]
    public async Task PublishingTwiceWritesTheSameAirflowFiles()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithRedisCelery().WithWorkers(2).WithFlower().WithTriggerer();
        using var first = await PublishedCluster.PublishAsync(test);
        var before = first.Snapshot();
        using var again = TestApp.CreateForPublish();
        again.AddAirflowWithDatabase(postgresVolume: true).WithRedisCelery().WithWorkers(2).WithFlower().WithTriggerer();
        using var second = await first.PublishAgainAsync(again);

        var after = second.Snapshot();
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (path, bytes) in before)
        {
            Assert.True(bytes.SequenceEqual(after[path]), path);
        }
    }

    private static string KubernetesYamlText(k8s.IKubernetesObject item) => k8s.KubernetesYaml.Serialize(item);
}

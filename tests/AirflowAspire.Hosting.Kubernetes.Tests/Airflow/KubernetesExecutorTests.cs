using k8s;
using k8s.Models;
using static AirflowAspire.Hosting.Kubernetes.Tests.Airflow.AirflowObjects;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Airflow;

/// <summary>
/// The KubernetesExecutor topology of the examples: one pod per task from a pod template, RBAC to launch
/// them, DAGs and logs on ReadWriteMany volumes, the UI behind a LoadBalancer.
/// </summary>
public sealed class KubernetesExecutorTests
{
    private static async Task<PublishedCluster> PublishExecutorAsync(TestApp test)
    {
        test.AddAirflowWithDatabase(postgresVolume: true)
            .WithKubernetesExecutor()
            .WithTriggerer()
            .WithDagDelivery(AirflowDagDelivery.Volume("5Gi"))
            .WithLogsVolume("10Gi", storageClass: "nfs")
            .WithLoadBalancer()
            .WithDags(test.CreateFolder("dags"));
        return await test.PublishAsync();
    }

    [SkippableFact]
    public async Task ThereAreNoCeleryWorkers()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishExecutorAsync(test);

        Assert.DoesNotContain("airflow/workers.yaml", cluster.Files);
        Assert.DoesNotContain(cluster.Objects, o => PublishedCluster.Name(o) == "airflow-worker");
        Assert.Equal("KubernetesExecutor", cluster.Get<V1ConfigMap>("airflow-config").Data["AIRFLOW__CORE__EXECUTOR"]);
        Assert.Equal("airflow", cluster.Get<V1ConfigMap>("airflow-config").Data["AIRFLOW__KUBERNETES_EXECUTOR__NAMESPACE"]);
    }

    [SkippableFact]
    public async Task TaskPodsFollowTheAirflowImageWhenItsImagesEntryIsEdited()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishExecutorAsync(test);
        var published = cluster.Get<V1ConfigMap>("airflow-config").Data;
        Assert.Equal("docker.io/apache/airflow", published["AIRFLOW__KUBERNETES_EXECUTOR__WORKER_CONTAINER_REPOSITORY"]);
        Assert.Equal("3.2.2", published["AIRFLOW__KUBERNETES_EXECUTOR__WORKER_CONTAINER_TAG"]);

        KubernetesTreeTests.SetNewTag(cluster, "docker.io/apache/airflow", "3.2.2-dags-0123456789ab");
        var edited = KubernetesYaml.LoadAllFromString(PublishedCluster.Kustomize(cluster.Directory), new Dictionary<string, Type>(PublishedCluster.CustomKinds), strict: true);

        var config = edited.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == "airflow-config").Data;
        Assert.Equal("docker.io/apache/airflow", config["AIRFLOW__KUBERNETES_EXECUTOR__WORKER_CONTAINER_REPOSITORY"]);
        Assert.Equal("3.2.2-dags-0123456789ab", config["AIRFLOW__KUBERNETES_EXECUTOR__WORKER_CONTAINER_TAG"]);
    }

    [SkippableFact]
    public async Task PodLaunchingIsARoleInTheNamespaceAndNothingMore()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishExecutorAsync(test);

        Assert.Empty(cluster.All<V1ClusterRole>());
        Assert.Empty(cluster.All<V1ClusterRoleBinding>());

        var account = cluster.Get<V1ServiceAccount>("airflow-pod-launcher");
        var role = cluster.Get<V1Role>("airflow-pod-launcher");
        Assert.Equal("airflow", role.Metadata.NamespaceProperty);
        var rules = role.Rules.ToDictionary(r => Assert.Single(r.Resources), r => r.Verbs.Order().ToArray());
        Assert.All(role.Rules, r => Assert.Equal(new[] { string.Empty }, r.ApiGroups));
        Assert.Equal(new[] { "events", "pods", "pods/exec", "pods/log" }, rules.Keys.Order());
        Assert.Equal(new[] { "create", "delete", "get", "list", "patch", "watch" }, rules["pods"]);
        Assert.Equal(new[] { "get", "list" }, rules["pods/log"]);
        Assert.Equal(new[] { "create", "get" }, rules["pods/exec"]);
        Assert.Equal(new[] { "list", "watch" }, rules["events"]);
        Assert.DoesNotContain(role.Rules.SelectMany(r => r.Verbs.Concat(r.Resources)), v => v == "*");

        var binding = cluster.Get<V1RoleBinding>("airflow-pod-launcher");
        Assert.Equal("Role", binding.RoleRef.Kind);
        Assert.Equal(role.Metadata.Name, binding.RoleRef.Name);
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal("ServiceAccount", subject.Kind);
        Assert.Equal(account.Metadata.Name, subject.Name);
        Assert.Equal("airflow", subject.NamespaceProperty);
    }

    [SkippableFact]
    public async Task OnlyComponentsThatTalkToTheApiGetTheServiceAccount()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishExecutorAsync(test);

        foreach (var name in new[] { "airflow-scheduler", "airflow-api-server" })
        {
            var pod = cluster.Get<V1Deployment>(name).Spec.Template.Spec;
            Assert.Equal("airflow-pod-launcher", pod.ServiceAccountName);
            Assert.True(pod.AutomountServiceAccountToken, name);
        }

        Assert.Equal("airflow-pod-launcher", cluster.Get<V1StatefulSet>("airflow-triggerer").Spec.Template.Spec.ServiceAccountName);

        var dagProcessor = cluster.Get<V1Deployment>("airflow-dag-processor").Spec.Template.Spec;
        Assert.False(dagProcessor.AutomountServiceAccountToken);
        Assert.Null(dagProcessor.ServiceAccountName);
        Assert.False(cluster.Get<V1Job>("airflow-init").Spec.Template.Spec.AutomountServiceAccountToken);
    }

    [SkippableFact]
    public async Task ThePodTemplateIsAConfigMapMountedWhereAirflowReadsIt()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishExecutorAsync(test);

        var config = cluster.Get<V1ConfigMap>("airflow-config");
        Assert.Equal(KubernetesExecutorOptions.PodTemplateMountPath, config.Data["AIRFLOW__KUBERNETES_EXECUTOR__POD_TEMPLATE_FILE"]);

        var map = cluster.Get<V1ConfigMap>("airflow-pod-template");
        var scheduler = cluster.Get<V1Deployment>("airflow-scheduler").Spec.Template.Spec;
        var volume = Assert.Single(scheduler.Volumes, v => v.ConfigMap?.Name == map.Metadata.Name);
        var mount = Assert.Single(Container(scheduler, "scheduler").VolumeMounts, m => m.Name == volume.Name);
        var item = Assert.Single(volume.ConfigMap.Items);
        Assert.Equal(KubernetesExecutorOptions.PodTemplateMountPath, $"{mount.MountPath}/{item.Path}");
        Assert.True(map.Data.ContainsKey(item.Key));
        Assert.True(mount.ReadOnlyProperty);

        var pod = KubernetesYaml.Deserialize<V1Pod>(map.Data[item.Key], strict: true);
        Assert.Equal("Pod", pod.Kind);
        var baseContainer = Assert.Single(pod.Spec.Containers);
        Assert.Equal("base", baseContainer.Name);
        Assert.Equal(Container(scheduler, "scheduler").Image, baseContainer.Image);
        Assert.Equal(new[] { "airflow-config" }, ConfigMapsFrom(baseContainer));
        Assert.Equal("Never", pod.Spec.RestartPolicy);
        Assert.Equal(50000, pod.Spec.SecurityContext.RunAsUser);
        Assert.False(baseContainer.SecurityContext.AllowPrivilegeEscalation);
        Assert.Equal(new[] { "ALL" }, baseContainer.SecurityContext.Capabilities.Drop);
        Assert.NotNull(baseContainer.Resources.Limits["memory"]);
        Assert.Equal("airflow-dags", Volume(pod.Spec, Mount(baseContainer, "/opt/airflow/dags")!.Name).PersistentVolumeClaim.ClaimName);
        Assert.Equal("airflow-logs", Volume(pod.Spec, Mount(baseContainer, "/opt/airflow/logs")!.Name).PersistentVolumeClaim.ClaimName);
        Assert.DoesNotContain(pod.Spec.Volumes, v => v.HostPath is not null);

        // Airflow 3 tasks reach the API server, not the database: no Secret is named inside the template,
        // where kustomize could not follow the Secret's generated name.
        Assert.DoesNotContain(baseContainer.Env ?? [], e => e.ValueFrom?.SecretKeyRef is not null);

        // The scheduler restarts when the template changes.
        Assert.Matches("^[0-9a-f]{64}$", cluster.Get<V1Deployment>("airflow-scheduler").Spec.Template.Metadata.Annotations["checksum/pod-template"]);
    }

    [SkippableFact]
    public async Task AModelsOwnPodTemplateFileIsPublishedAsItIs()
    {
        using var test = TestApp.CreateForPublish();
        var template = Path.Combine(test.Directory, "pod-template.yaml");
        const string text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: placeholder\nspec:\n  priorityClassName: tasks\n  containers:\n  - name: base\n    image: apache/airflow:3.2.2\n";
        await File.WriteAllTextAsync(template, text);
        test.AddAirflowWithDatabase(postgresVolume: true).WithKubernetesExecutor(new KubernetesExecutorOptions(PodTemplateFile: "pod-template.yaml"));
        using var cluster = await test.PublishAsync();

        Assert.Equal(text, cluster.Get<V1ConfigMap>("airflow-pod-template").Data["pod_template.yaml"]);

        // The bind mount of the local run is not a hostPath in the cluster.
        Assert.DoesNotContain(cluster.PodSpecs().SelectMany(p => p.Spec.Volumes ?? []), v => v.HostPath is not null);
    }

    [SkippableFact]
    public async Task DagsAndLogsLiveOnReadWriteManyClaims()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishExecutorAsync(test);

        var dags = cluster.Get<V1PersistentVolumeClaim>("airflow-dags");
        Assert.Equal(new[] { "ReadWriteMany" }, dags.Spec.AccessModes);
        Assert.Equal("5Gi", dags.Spec.Resources.Requests["storage"].ToString());
        var logs = cluster.Get<V1PersistentVolumeClaim>("airflow-logs");
        Assert.Equal(new[] { "ReadWriteMany" }, logs.Spec.AccessModes);
        Assert.Equal("10Gi", logs.Spec.Resources.Requests["storage"].ToString());
        Assert.Equal("nfs", logs.Spec.StorageClassName);

        foreach (var (workload, container) in new[] { ("airflow-scheduler", "scheduler"), ("airflow-dag-processor", "dag-processor") })
        {
            var pod = cluster.Get<V1Deployment>(workload).Spec.Template.Spec;
            var dagMount = Mount(Container(pod, container), "/opt/airflow/dags")!;
            Assert.True(dagMount.ReadOnlyProperty);
            Assert.Equal("airflow-dags", Volume(pod, dagMount.Name).PersistentVolumeClaim.ClaimName);
            Assert.Equal("airflow-logs", Volume(pod, Mount(Container(pod, container), "/opt/airflow/logs")!.Name).PersistentVolumeClaim.ClaimName);
        }

        var triggerer = cluster.Get<V1StatefulSet>("airflow-triggerer").Spec.Template.Spec;
        Assert.NotNull(Mount(Container(triggerer, "triggerer"), "/opt/airflow/dags"));

        // The API server reads logs but needs no DAG files.
        var api = Container(cluster.Get<V1Deployment>("airflow-api-server"), "api-server");
        Assert.NotNull(Mount(api, "/opt/airflow/logs"));
        Assert.Null(Mount(api, "/opt/airflow/dags"));
    }

    [SkippableFact]
    public async Task TheUiIsBehindALoadBalancer()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishExecutorAsync(test);

        var service = cluster.Get<V1Service>("airflow-api-server");
        Assert.Equal("LoadBalancer", service.Spec.Type);
        Assert.Contains(service.Spec.Ports, p => p.Port == 8080);
        Assert.Empty(cluster.All<V1Ingress>());
    }
}

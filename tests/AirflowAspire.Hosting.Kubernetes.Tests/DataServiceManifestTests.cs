using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Tests;

/// <summary>Postgres, Redis and RabbitMQ as the generic container template renders them.</summary>
public sealed class DataServiceManifestTests
{
    [SkippableFact]
    public async Task Postgres_is_a_statefulset_with_a_volume_claim_template_a_headless_service_and_a_client_service()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishedCluster.PublishAsync(KubernetesTestModels.DataServices(test));

        var postgres = cluster.Get<V1StatefulSet>("postgres");
        Assert.Equal(1, postgres.Spec.Replicas);
        Assert.Equal("postgres-headless", postgres.Spec.ServiceName);
        var claim = Assert.Single(postgres.Spec.VolumeClaimTemplates);
        Assert.Equal(["ReadWriteOnce"], claim.Spec.AccessModes);
        Assert.Equal(new ResourceQuantity("8Gi"), claim.Spec.Resources.Requests["storage"]);
        Assert.Null(claim.Spec.StorageClassName);

        var pod = postgres.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);
        var mount = Assert.Single(container.VolumeMounts);
        Assert.Equal((claim.Metadata.Name, "/var/lib/postgresql"), (mount.Name, mount.MountPath));
        // Postgres 18 keeps its data in a versioned folder below the volume's root, away from lost+found.
        Assert.DoesNotContain("PGDATA", container.Env.Select(e => e.Name));
        Assert.Equal(["pg_isready", "-h", "127.0.0.1", "-U", "postgres"], container.ReadinessProbe.Exec.Command);
        Assert.NotNull(container.LivenessProbe.Exec);
        Assert.True(container.StartupProbe.FailureThreshold * container.StartupProbe.PeriodSeconds >= 300);
        Assert.Equal("128Mi", container.Resources.Requests["memory"].ToString());
        Assert.Equal("1Gi", container.Resources.Limits["memory"].ToString());

        // The official image's postgres user, never root; the volume belongs to its group.
        Assert.Equal((999L, 999L, 999L), (pod.SecurityContext.RunAsUser!.Value, pod.SecurityContext.RunAsGroup!.Value, pod.SecurityContext.FsGroup!.Value));
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.True(container.SecurityContext.RunAsNonRoot);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        Assert.False(pod.AutomountServiceAccountToken);
        Assert.False(pod.EnableServiceLinks);

        var headless = cluster.Get<V1Service>("postgres-headless");
        Assert.Equal("None", headless.Spec.ClusterIP);
        Assert.True(headless.Spec.PublishNotReadyAddresses);
        Assert.Equal(postgres.Spec.Selector.MatchLabels, headless.Spec.Selector);

        var service = cluster.Get<V1Service>("postgres");
        Assert.Equal("ClusterIP", service.Spec.Type);
        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal((5432, "tcp"), (port.Port, port.TargetPort.Value));
        Assert.Equal("tcp", Assert.Single(container.Ports).Name);
        Assert.Equal(postgres.Spec.Selector.MatchLabels, service.Spec.Selector);
        Assert.False(cluster.Has<V1PodDisruptionBudget>("postgres"));
    }

    [SkippableFact]
    public async Task Redis_and_rabbitmq_keep_their_data_on_claims_behind_services()
    {
        using var test = TestApp.CreateForPublish();
        using var cluster = await PublishedCluster.PublishAsync(KubernetesTestModels.DataServices(test));

        foreach (var (name, port, path) in new[] { ("redis", 6379, "/data"), ("rabbitmq", 5672, "/var/lib/rabbitmq") })
        {
            var set = cluster.Get<V1StatefulSet>(name);
            var claim = Assert.Single(set.Spec.VolumeClaimTemplates);
            Assert.Equal(new ResourceQuantity("8Gi"), claim.Spec.Resources.Requests["storage"]);
            var container = Assert.Single(set.Spec.Template.Spec.Containers);
            Assert.Equal(path, Assert.Single(container.VolumeMounts).MountPath);
            Assert.Equal(999, set.Spec.Template.Spec.SecurityContext.RunAsUser);
            Assert.NotNull(container.ReadinessProbe.Exec);
            Assert.Contains(cluster.Get<V1Service>(name).Spec.Ports, p => p.Port == port);
            Assert.Equal($"{name}-headless", set.Spec.ServiceName);
            Assert.NotNull(cluster.Get<V1Service>($"{name}-headless"));
            Assert.DoesNotContain("PGDATA", (container.Env ?? []).Select(e => e.Name));
        }

        // The password reaches redis-server through the shell, which expands it, not Kubernetes.
        var redis = Assert.Single(cluster.Get<V1StatefulSet>("redis").Spec.Template.Spec.Containers);
        Assert.Equal(["/bin/sh"], redis.Command);
        Assert.Contains("$REDIS_PASSWORD", redis.Args[1]);
        Assert.Equal("redis-password", redis.Env.Single(e => e.Name == "REDIS_PASSWORD").ValueFrom.SecretKeyRef.Key);
        Assert.Equal("management", cluster.Get<V1Service>("rabbitmq").Spec.Ports.Single(p => p.Port == 15672).Name);
    }

    [SkippableFact]
    public async Task Storage_size_and_class_come_from_the_model()
    {
        using var test = TestApp.CreateForPublish();
        test.Builder.AddPostgres("postgres").WithDataVolume().WithStorage("/var/lib/postgresql", "50Gi", "fast-ssd");
        using var cluster = await PublishedCluster.PublishAsync(test);

        var claim = Assert.Single(cluster.Get<V1StatefulSet>("postgres").Spec.VolumeClaimTemplates);
        Assert.Equal(new ResourceQuantity("50Gi"), claim.Spec.Resources.Requests["storage"]);
        Assert.Equal("fast-ssd", claim.Spec.StorageClassName);
    }

    [SkippableFact]
    public async Task A_name_prefix_names_every_object_and_the_hosts_clients_connect_to()
    {
        using var test = TestApp.CreateForPublish();
        var db = test.Builder.AddPostgres("postgres").WithDataVolume().AddDatabase("app-db");
        test.Builder.AddContainer("app", "ghcr.io/example/app", "1.0").WithReference(db);
        using var cluster = await PublishedCluster.PublishAsync(test, KubernetesTestModels.Options(prefix: "team-a"));

        Assert.All(cluster.Objects.Where(o => o is not V1Namespace), o => Assert.StartsWith("team-a-", PublishedCluster.Name(o)));
        var postgres = cluster.Get<V1StatefulSet>("team-a-postgres");
        Assert.Equal("team-a-postgres-headless", postgres.Spec.ServiceName);
        Assert.Equal("team-a-" + cluster.ApplicationLabel, postgres.Spec.Selector.MatchLabels["app.kubernetes.io/instance"]);
        Assert.NotNull(cluster.Get<V1Service>("team-a-postgres"));
        var app = Assert.Single(cluster.Get<V1Deployment>("team-a-app").Spec.Template.Spec.Containers);
        Assert.StartsWith("Host=team-a-postgres;Port=5432;", app.Env.Single(e => e.Name == "ConnectionStrings__app-db").Value);

        // A trailing '-' is not doubled, and a second prefix in the same namespace shares no name and no selector.
        using var otherTest = TestApp.CreateForPublish();
        var otherDb = otherTest.Builder.AddPostgres("postgres").WithDataVolume().AddDatabase("app-db");
        otherTest.Builder.AddContainer("app", "ghcr.io/example/app", "1.0").WithReference(otherDb);
        using var other = await PublishedCluster.PublishAsync(otherTest, KubernetesTestModels.Options(prefix: "team-b-"));
        var names = cluster.Objects.Concat(other.Objects).Where(o => o is not V1Namespace).Select(o => (o.Kind, PublishedCluster.Name(o))).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        var otherPostgres = other.Get<V1StatefulSet>("team-b-postgres");
        Assert.NotEqual(
            postgres.Spec.Selector.MatchLabels["app.kubernetes.io/instance"],
            otherPostgres.Spec.Template.Metadata.Labels["app.kubernetes.io/instance"]);
    }

    [SkippableFact]
    public async Task A_password_inside_a_url_is_expanded_percent_encoded_from_the_secret()
    {
        using var test = TestApp.CreateForPublish();
        var db = test.Builder.AddPostgres("postgres").AddDatabase("app-db");
        test.Builder.AddContainer("app", "ghcr.io/example/app", "1.0").WithReference(db);
        using var cluster = await PublishedCluster.PublishAsync(
            test, KubernetesTestModels.Options(configuration: new Dictionary<string, string?> { ["Parameters:postgres-password"] = "p@ss/w0rd" }));

        var app = Assert.Single(cluster.Get<V1Deployment>("app").Spec.Template.Spec.Containers);
        var uri = app.Env.Single(e => e.Value?.StartsWith("postgresql://", StringComparison.Ordinal) == true);
        Assert.Contains(":$(AIRFLOWASPIRE_SECRET_POSTGRES_PASSWORD_URI)@postgres:5432", uri.Value, StringComparison.Ordinal);
        var names = app.Env.Select(e => e.Name).ToList();
        Assert.True(names.IndexOf("AIRFLOWASPIRE_SECRET_POSTGRES_PASSWORD_URI") < names.IndexOf(uri.Name), "The encoded secret is defined after its use.");
        Assert.Equal("postgres-password.uri", app.Env.Single(e => e.Name == "AIRFLOWASPIRE_SECRET_POSTGRES_PASSWORD_URI").ValueFrom.SecretKeyRef.Key);
        Assert.Equal("p%40ss%2Fw0rd", cluster.SecretValues["postgres-password.uri"]);
        Assert.Equal("p@ss/w0rd", cluster.SecretValues["postgres-password"]);
    }
}

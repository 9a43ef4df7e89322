using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Airflow;

/// <summary>How the UI is reached from outside the cluster: ClusterIP by default, a LoadBalancer, or an Ingress.</summary>
public sealed class ExposureTests
{
    [SkippableFact]
    public async Task AnIngressRoutesItsHostToTheClusterIPService()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithIngress("airflow.example.com", ingressClassName: "nginx", tlsSecretName: "airflow-tls");
        using var cluster = await test.PublishAsync();

        var service = cluster.Get<V1Service>("airflow-api-server");
        Assert.Equal("ClusterIP", service.Spec.Type);

        var ingress = cluster.Get<V1Ingress>("airflow-api-server");
        Assert.Equal("networking.k8s.io/v1", ingress.ApiVersion);
        Assert.Equal("nginx", ingress.Spec.IngressClassName);
        var tls = Assert.Single(ingress.Spec.Tls);
        Assert.Equal("airflow-tls", tls.SecretName);
        Assert.Equal(new[] { "airflow.example.com" }, tls.Hosts);
        var rule = Assert.Single(ingress.Spec.Rules);
        Assert.Equal("airflow.example.com", rule.Host);
        var path = Assert.Single(rule.Http.Paths);
        Assert.Equal("/", path.Path);
        Assert.Equal("Prefix", path.PathType);
        Assert.Equal(service.Metadata.Name, path.Backend.Service.Name);
        Assert.Contains(service.Spec.Ports, p => p.Port == path.Backend.Service.Port.Number);
    }

    [SkippableFact]
    public async Task AnIngressWithoutTlsOrClassLeavesThemToTheCluster()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithIngress("airflow.example.com");
        using var cluster = await test.PublishAsync();

        var ingress = cluster.Get<V1Ingress>("airflow-api-server");
        Assert.Null(ingress.Spec.IngressClassName);
        Assert.Null(ingress.Spec.Tls);
    }

    [SkippableFact]
    public async Task ALoadBalancerNeedsNoIngress()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithLoadBalancer();
        using var cluster = await test.PublishAsync();

        Assert.Equal("LoadBalancer", cluster.Get<V1Service>("airflow-api-server").Spec.Type);
        Assert.Empty(cluster.All<V1Ingress>());
    }
}

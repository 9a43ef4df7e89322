using k8s;
using k8s.Models;
using static AirflowAspire.Hosting.Kubernetes.Tests.Airflow.AirflowObjects;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Airflow;

/// <summary>Two Airflow deployments in one namespace: with a name prefix, or two Airflow resources in one model.</summary>
public sealed class NamePrefixTests
{
    private static void AddModel(TestApp test) =>
        test.AddAirflowWithDatabase(postgresVolume: true).WithRedisCelery().WithWorkers(2).WithFlower().WithTriggerer().WithKubernetesPodOperator();

    [SkippableFact]
    public async Task APrefixNamesEveryObjectAndEveryReferenceToIt()
    {
        using var test = TestApp.CreateForPublish();
        AddModel(test);
        using var cluster = await test.PublishAsync(KubernetesTestModels.Options(prefix: "team-a"));

        var scheduler = cluster.Get<V1Deployment>("team-a-airflow-scheduler");
        Assert.Equal("team-a-" + cluster.ApplicationLabel, scheduler.Spec.Selector.MatchLabels["app.kubernetes.io/instance"]);
        var container = Container(scheduler, "scheduler");
        Assert.Equal(new[] { "team-a-airflow-config" }, ConfigMapsFrom(container));
        Assert.Equal("team-a-airflow-pod-launcher", cluster.Get<V1StatefulSet>("team-a-airflow-worker").Spec.Template.Spec.ServiceAccountName);
        Assert.Contains("team-a-postgres:5432/", Env(container, "AIRFLOWASPIRE_DATABASE_ADDRESS")!.Value, StringComparison.Ordinal);

        var config = cluster.Get<V1ConfigMap>("team-a-airflow-config");
        Assert.Equal("http://team-a-airflow-api-server:8080/execution/", config.Data["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"]);
        Assert.Equal("team-a-airflow-worker", cluster.Get<V1StatefulSet>("team-a-airflow-worker").Spec.ServiceName);
        Assert.True(cluster.Has<V1Service>("team-a-airflow-worker"));
        Assert.Equal("team-a-airflow-pod-launcher", cluster.Get<V1RoleBinding>("team-a-airflow-pod-launcher").RoleRef.Name);
        Assert.Equal("team-a-airflow-init", cluster.Get<V1Job>("team-a-airflow-init").Metadata.Name);
    }

    [SkippableFact]
    public async Task TwoPrefixesShareNoNameAndSelectNoPodOfTheOther()
    {
        using var first = TestApp.CreateForPublish();
        AddModel(first);
        using var plain = await first.PublishAsync();
        using var second = TestApp.CreateForPublish();
        AddModel(second);
        using var prefixed = await second.PublishAsync(KubernetesTestModels.Options(prefix: "team-b"));

        static IEnumerable<string> Names(PublishedCluster cluster) =>
            cluster.Objects.Where(o => o is not V1Namespace).Select(o => $"{o.Kind}/{PublishedCluster.Name(o)}");
        Assert.Empty(Names(plain).Intersect(Names(prefixed)));

        foreach (var (a, b) in new[] { (plain, prefixed), (prefixed, plain) })
        {
            var podLabels = b.Objects.Select(TemplateLabels).OfType<IDictionary<string, string>>().ToList();
            Assert.NotEmpty(podLabels);
            foreach (var selector in a.All<V1Service>().Select(s => s.Spec.Selector).Concat(a.All<V1StatefulSet>().Select(s => s.Spec.Selector.MatchLabels)))
            {
                Assert.DoesNotContain(podLabels, labels => Selects(selector, labels));
            }
        }
    }

    [SkippableFact]
    public async Task TwoAirflowResourcesInOneModelKeepToTheirOwnFolders()
    {
        using var test = TestApp.CreateForPublish();
        var dbA = test.Builder.AddPostgres("postgres-a").AddDatabase("db-a", "airflow");
        var dbB = test.Builder.AddPostgres("postgres-b").AddDatabase("db-b", "airflow");
        test.Builder.AddAirflow("etl").WithDatabase(dbA);
        test.Builder.AddAirflow("ml").WithDatabase(dbB);
        using var cluster = await test.PublishAsync();

        Assert.Contains("etl/scheduler.yaml", cluster.Files);
        Assert.Contains("ml/scheduler.yaml", cluster.Files);
        Assert.Equal(new[] { "etl-config" }, ConfigMapsFrom(Container(cluster.Get<V1StatefulSet>("etl-scheduler"), "scheduler")));
        Assert.Equal(new[] { "ml-config" }, ConfigMapsFrom(Container(cluster.Get<V1StatefulSet>("ml-scheduler"), "scheduler")));
        Assert.Equal("http://ml-api-server:8080/execution/", cluster.Get<V1ConfigMap>("ml-config").Data["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"]);
        Assert.Contains("postgres-b:5432/", Env(Container(cluster.Get<V1Deployment>("ml-api-server"), "api-server"), "AIRFLOWASPIRE_DATABASE_ADDRESS")!.Value, StringComparison.Ordinal);
    }

    private static IDictionary<string, string>? TemplateLabels(IKubernetesObject item) => item switch
    {
        V1Deployment d => d.Spec.Template.Metadata.Labels,
        V1StatefulSet s => s.Spec.Template.Metadata.Labels,
        V1Job j => j.Spec.Template.Metadata.Labels,
        _ => null,
    };
}

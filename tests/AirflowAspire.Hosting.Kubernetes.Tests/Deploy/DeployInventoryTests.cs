namespace AirflowAspire.Hosting.Kubernetes.Tests.Deploy;

public sealed class DeployInventoryTests
{
    [Fact]
    public void TheLinesDeployWritesAreReadBackAsTheObjects()
    {
        ObjectKey[] objects =
        [
            new("v1", "Namespace", null, "airflow"),
            new("apps/v1", "StatefulSet", "airflow", "postgres"),
            new("policy/v1beta1", "PodDisruptionBudget", "airflow", "team-a-airflow-worker"),
            new("v1", "Secret", "airflow", "secrets-5hk2m7d9c4"),
        ];
        var text = (string?)new DeployInventory(objects).ToConfigMap("airflow", string.Empty, new Dictionary<string, string>())["data"]?["objects"];

        var read = DeployInventory.Parse(text!, "airflow");

        Assert.Equal(objects, read.Objects);
        Assert.Empty(read.Invalid);
    }

    [Theory]
    [InlineData("apps/v1 Deployment kube-system coredns", "in namespace 'kube-system', not 'airflow'")]
    [InlineData("v1 ConfigMap - team-settings", "in namespace '-', not 'airflow'")]
    [InlineData("v1 Namespace - kube-system", "a cluster-scoped Namespace other than the namespace 'airflow' itself")]
    [InlineData("v1 Namespace airflow airflow", "a cluster-scoped Namespace other than the namespace 'airflow' itself")]
    [InlineData("rbac.authorization.k8s.io/v1 ClusterRoleBinding - cluster-admin", "deploy makes no ClusterRoleBinding")]
    [InlineData("v1 ConfigMap airflow ..", "'..' is no object name")]
    [InlineData("v1 ConfigMap airflow a/b", "'a/b' is no object name")]
    [InlineData("apps/v1/x Deployment airflow web", "'apps/v1/x' is no API version")]
    [InlineData("apps/v1 Deployment airflow", "not the four fields apiVersion, kind, namespace and name")]
    [InlineData("apps/v1  Deployment airflow web", "not the four fields apiVersion, kind, namespace and name")]
    public void ALineNamingNoObjectDeployCanHaveMadeIsSetApartWithWhy(string line, string reason)
    {
        var read = DeployInventory.Parse($"apps/v1 Deployment airflow airflow-scheduler\n{line}\n", "airflow");

        Assert.Equal([new ObjectKey("apps/v1", "Deployment", "airflow", "airflow-scheduler")], read.Objects);
        var invalid = Assert.Single(read.Invalid);
        Assert.Equal((line, reason), (invalid.Line, invalid.Reason));
    }

    [Fact]
    public void TheReportOfSetApartLinesQuotesEachAndSaysNothingWasTouched()
    {
        var read = DeployInventory.Parse("apps/v1 Deployment kube-system coredns\n", "airflow");

        var report = read.DescribeInvalid("team-a-");

        Assert.Contains("ConfigMap/team-a-airflowaspire-inventory lists 1 line(s)", report);
        Assert.Contains("nothing they name was touched", report);
        Assert.Contains("'apps/v1 Deployment kube-system coredns' (in namespace 'kube-system', not 'airflow')", report);
    }
}

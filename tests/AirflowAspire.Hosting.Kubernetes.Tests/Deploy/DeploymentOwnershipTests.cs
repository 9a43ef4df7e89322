using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Deploy;

public sealed class DeploymentOwnershipTests
{
    private const string Instance = "team-a-airflowaspire";

    [Fact]
    public void AnObjectWithThisToolsLabelAndThisDeploymentsInstanceIsOurs() =>
        Assert.True(DeploymentOwnership.IsOurs(Labelled(("managed-by", "airflowaspire"), ("instance", Instance)), Instance));

    [Fact]
    public void AnotherDeploymentsObjectIsNotOursEvenOfTheSameApplication() =>
        Assert.False(DeploymentOwnership.IsOurs(
            Labelled(("managed-by", "airflowaspire"), ("instance", "team-b-airflowaspire"), ("part-of", "airflowaspire")), Instance));

    [Fact]
    public void AnObjectWithoutThisToolsLabelIsNotOursWhateverElseItSays() =>
        Assert.False(DeploymentOwnership.IsOurs(Labelled(("instance", Instance), ("part-of", "airflowaspire")), Instance));

    [Fact]
    public void AnObjectAnEarlierDeployMadeBeforeTheInstanceLabelIsStillOurs() =>
        Assert.True(DeploymentOwnership.IsOurs(Labelled(("managed-by", "airflowaspire"), ("part-of", "airflowaspire")), Instance));

    [Fact]
    public void AnOldObjectOfAnotherApplicationIsNotOurs() =>
        Assert.False(DeploymentOwnership.IsOurs(Labelled(("managed-by", "airflowaspire"), ("part-of", "billing")), Instance));

    private static JsonObject Labelled(params (string Name, string Value)[] labels)
    {
        var map = new JsonObject();
        foreach (var (name, value) in labels)
        {
            map[$"app.kubernetes.io/{name}"] = value;
        }

        return new JsonObject { ["metadata"] = new JsonObject { ["name"] = "postgres", ["labels"] = map } };
    }
}

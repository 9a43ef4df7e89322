using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Deploy;

public sealed class DeploySwitchesTests
{
    [Theory]
    [InlineData("300", 300)]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    public void TheDeployTimeoutIsSecondsOrANumberWithAUnit(string text, int seconds)
    {
        var switches = DeploySwitches.Read(Configuration(("deploy-timeout", text)), [], new KustomizeEnvironmentResource("k8s"));

        Assert.Equal(TimeSpan.FromSeconds(seconds), switches.Timeout);
    }

    [Fact]
    public void ATimeoutThatIsNoDurationNamesTheSwitchAndTheForms()
    {
        var error = Assert.Throws<DistributedApplicationException>(() =>
            DeploySwitches.Read(Configuration(("deploy-timeout", "soon")), [], new KustomizeEnvironmentResource("k8s")));

        Assert.Contains("--deploy-timeout 'soon'", error.Message);
        Assert.Contains("5m", error.Message);
    }

    [Fact]
    public void TheCommandLineWinsOverTheModelAndABareDeleteDataCounts()
    {
        var environment = new KustomizeEnvironmentResource("k8s") { KubeContext = "model-context", DeployTimeout = TimeSpan.FromMinutes(9) };

        var fromModel = DeploySwitches.Read(Configuration(), [], environment);
        var fromCommandLine = DeploySwitches.Read(Configuration(("kube-context", "cli-context")), ["--delete-data"], environment);

        Assert.Equal(("model-context", TimeSpan.FromMinutes(9), false), (fromModel.KubeContext, fromModel.Timeout, fromModel.DeleteData));
        Assert.Equal(("cli-context", true), (fromCommandLine.KubeContext, fromCommandLine.DeleteData));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}

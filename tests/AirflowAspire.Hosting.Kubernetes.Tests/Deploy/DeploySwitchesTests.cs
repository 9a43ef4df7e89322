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

    [Theory]
    [InlineData("no")]
    [InlineData("0")]
    [InlineData("off")]
    [InlineData("False")]
    [InlineData("NO")]
    public void DeleteDataGivenAnOffValueStaysOffOnTheCommandLineAndInConfiguration(string value)
    {
        var environment = new KustomizeEnvironmentResource("k8s");

        Assert.False(DeploySwitches.Read(Configuration(), [$"--delete-data={value}"], environment).DeleteData);
        Assert.False(DeploySwitches.Read(Configuration(), ["--delete-data", value], environment).DeleteData);
        Assert.False(DeploySwitches.Read(Configuration(("delete-data", value)), [], environment).DeleteData);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("ON")]
    [InlineData("true")]
    public void DeleteDataGivenAnOnValueIsOn(string value)
    {
        var environment = new KustomizeEnvironmentResource("k8s");

        Assert.True(DeploySwitches.Read(Configuration(), [$"--delete-data={value}"], environment).DeleteData);
        Assert.True(DeploySwitches.Read(Configuration(("delete-data", value)), [], environment).DeleteData);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("")]
    [InlineData("nope")]
    public void ASwitchValueThatIsNeitherOnNorOffNamesTheSwitchAndTheValuesItTakes(string value)
    {
        var error = Assert.Throws<DistributedApplicationException>(() =>
            DeploySwitches.Read(Configuration(("delete-data", value)), [], new KustomizeEnvironmentResource("k8s")));

        Assert.Contains($"--delete-data '{value}' is neither on nor off", error.Message);
        Assert.Contains("true/false, yes/no, on/off or 1/0", error.Message);
    }

    [Fact]
    public void ABareSwitchBeforeAnotherIsOnThoughConfigurationTakesTheNextSwitchAsItsValue()
    {
        // .NET's command-line configuration reads `--delete-data --yes` as delete-data = "--yes", and --yes as absent.
        string[] args = ["--operation", "publish", "--delete-data", "--yes"];
        var configuration = new ConfigurationBuilder().AddCommandLine(args).Build();

        var switches = DeploySwitches.Read(configuration, args, new KustomizeEnvironmentResource("k8s"));

        Assert.Equal((true, true, false), (switches.DeleteData, switches.Yes, switches.Adopt));
    }

    [Fact]
    public void TheClusterSwitchesAfterABareSwitchAreNotLost()
    {
        string[] args = ["--delete-data", "--kubeconfig", "/etc/k/config", "--yes", "--kube-context", "prod", "--adopt", "--deploy-timeout", "90s"];
        var configuration = new ConfigurationBuilder().AddCommandLine(args).Build();

        var switches = DeploySwitches.Read(configuration, args, new KustomizeEnvironmentResource("k8s"));

        Assert.Equal(("/etc/k/config", "prod", TimeSpan.FromSeconds(90)), (switches.Kubeconfig, switches.KubeContext, switches.Timeout));
        Assert.Equal((true, true, true), (switches.DeleteData, switches.Yes, switches.Adopt));
    }

    [Fact]
    public void YesIsAspiresOwnSkipConfirmationAsTheAspireCliPassesIt()
    {
        string[] args = ["--operation", "publish", "--step", "destroy", "--yes", "true"];
        var configuration = new ConfigurationBuilder().AddCommandLine(args, new Dictionary<string, string> { ["--yes"] = "Pipeline:SkipConfirmation" }).Build();

        Assert.True(DeploySwitches.Read(configuration, args, new KustomizeEnvironmentResource("k8s")).Yes);
        Assert.True(DeploySwitches.Read(Configuration(("Pipeline:SkipConfirmation", "true")), [], new KustomizeEnvironmentResource("k8s")).Yes);
        Assert.True(DeploySwitches.Read(Configuration(), ["--adopt"], new KustomizeEnvironmentResource("k8s")).Adopt);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}

using AirflowAspire.Hosting.Publishing;
using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting.Kubernetes.Tests;

/// <summary>--rotate-secrets is read as strictly as deploy's switches: "no" never rotates every secret.</summary>
public sealed class PublishSwitchesTests
{
    [Theory]
    [InlineData(new[] { "--rotate-secrets" }, true)]
    [InlineData(new[] { "--rotate-secrets", "--namespace", "ns" }, true)]
    [InlineData(new[] { "--rotate-secrets", "AppHost:Operation=publish" }, true)]
    [InlineData(new[] { "--rotate-secrets", "yes" }, true)]
    [InlineData(new[] { "--rotate-secrets", "no" }, false)]
    [InlineData(new[] { "--rotate-secrets=0" }, false)]
    [InlineData(new[] { "--rotate-secrets", "OFF" }, false)]
    [InlineData(new string[0], false)]
    public void RotateSecretsIsOnOnlyWhenGivenAloneOrWithAnOnValue(string[] args, bool rotate)
    {
        Assert.Equal(rotate, PublishSwitches.Read(CommandLine(args), args, []).RotateSecrets);
    }

    [Fact]
    public void AValueThatIsNeitherOnNorOffNamesTheSwitchAndTheValuesItTakes()
    {
        string[] args = ["--rotate-secrets", "maybe"];

        var error = Assert.Throws<DistributedApplicationException>(() => PublishSwitches.Read(CommandLine(args), args, []));

        Assert.Contains("--rotate-secrets 'maybe'", error.Message);
        Assert.Contains("true/false, yes/no, on/off or 1/0", error.Message);
    }

    [Theory]
    [InlineData(new[] { "--rotate-secrets", "--namespace", "prod" }, "prod")]
    [InlineData(new[] { "--delete-data", "--namespace", "prod", "--name-prefix", "a" }, "prod")]
    [InlineData(new[] { "--yes", "--namespace=prod" }, "prod")]
    [InlineData(new[] { "--namespace", "prod", "--delete-data" }, "prod")]
    [InlineData(new string[0], null)]
    public void TheNamespaceAfterABareSwitchIsNotLost(string[] args, string? @namespace)
    {
        // .NET's command-line configuration reads `--delete-data --namespace prod` as delete-data = "--namespace" and drops "prod":
        // destroy would then have gone to the default namespace.
        Assert.Equal(@namespace, PublishSwitches.Read(CommandLine(args), args, []).Namespace);
    }

    [Theory]
    [InlineData("--namespace")]
    [InlineData("--name-prefix")]
    public void ASwitchWithoutItsValueIsAnErrorNamingIt(string flag)
    {
        foreach (string[] args in new[] { new[] { flag }, [flag, "--delete-data"] })
        {
            var error = Assert.Throws<DistributedApplicationException>(() => PublishSwitches.Read(CommandLine(args), args, []));
            Assert.StartsWith($"{flag} needs a value", error.Message, StringComparison.Ordinal);
        }
    }

    private static IConfiguration CommandLine(string[] args) => new ConfigurationBuilder().AddCommandLine(args).Build();
}

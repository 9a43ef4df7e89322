using System.Text;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Deploy;

/// <summary>Deploy applies what the publish step of the same run settled, in memory; the files publish wrote are never read back.</summary>
public sealed class DeployTakesWhatPublishSettledTests
{
    [Fact]
    public async Task DeployAppliesThePublishedSecretValuesWithSecretsEnvGone()
    {
        using var test = TestApp.CreateForPublish();
        test.AddAirflowWithDatabase(postgresVolume: true).WithRedisCelery();
        var deployed = test.CaptureDeployObjects();
        var written = string.Empty;
        deployed.BeforeDeploy = directory =>
        {
            // Were deploy to settle the secrets again, the generated ones would get new values without this file.
            var path = Path.Combine(directory, KubernetesSecret.EnvFile);
            written = File.ReadAllText(path);
            File.Delete(path);
        };
        using var temp = new TempFolder();

        await test.PublishAsync(temp.Path);

        var secret = deployed.Objects.Single(o => (string?)o["kind"] == "Secret");
        var applied = secret["data"]!.AsObject().ToDictionary(p => p.Key, p => Encoding.UTF8.GetString(Convert.FromBase64String((string)p.Value!)));
        var published = written.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .ToDictionary(line => line[..line.IndexOf('=')], line => line[(line.IndexOf('=') + 1)..]);
        Assert.Contains("airflow-fernet-key-seed", published.Keys);
        Assert.Equal(published, applied);
        Assert.False(File.Exists(Path.Combine(temp.Path, KustomizeTestPublish.EnvironmentName, KubernetesSecret.EnvFile)));
    }

    [Fact]
    public void DeployWithoutItsPublishStepInTheSameRunSaysSo()
    {
        var environment = new KustomizeEnvironmentResource("k8s");

        var error = Assert.Throws<DistributedApplicationException>(() => new KustomizePublications().Of(environment));

        Assert.Contains("deploy-k8s found nothing that publish-k8s published in this run", error.Message, StringComparison.Ordinal);
    }
}

using k8s;
using k8s.Models;

namespace AirflowAspire.Hosting.Kubernetes.Tests.Airflow;

/// <summary>
/// The scheduler of the published default AppHost turns the seed in secrets.env into a valid fernet key, checked
/// the way Airflow runs *_CMD options (shlex-split, no shell) and with the real cryptography Fernet; a republish
/// keeps the seed, so the key stays the same.
/// </summary>
public sealed class FernetKeyTests
{
    [SkippableFact]
    public async Task Kubernetes_scheduler_derives_a_valid_key_from_the_published_secret()
    {
        var python = Python.FindWith("cryptography.fernet");
        RequiredTool.SkipOrFailIfMissing(python is null, "python3 with the cryptography module is not installed");
        Skip.IfNot(File.Exists(AppHostProcess.AssemblyPath()), "The AppHost is not built next to the tests.");
        using var temp = new TempFolder();

        var first = await PublishDefaultAppHostAsync(temp);
        var key = DeriveKey(python!, first);
        Assert.Equal(32, Convert.FromBase64String(key.Replace('-', '+').Replace('_', '/')).Length);

        var republished = await PublishDefaultAppHostAsync(temp);
        Assert.Equal(key, DeriveKey(python!, republished));
    }

    private static async Task<(string Command, string SeedVariable, string Seed)> PublishDefaultAppHostAsync(TempFolder temp)
    {
        var result = await AppHostProcess.RunAsync(AppHostProcess.DefaultAppHost, temp.Path, "--operation", "publish", "--step", "publish", "--output-path", temp.Path);
        Assert.True(result.ExitCode == 0, result.StandardError + result.StandardOutput);
        var directory = temp.Combine(KustomizeTestPublish.EnvironmentName);
        var objects = KubernetesYaml.LoadAllFromString(PublishedCluster.Kustomize(directory), new Dictionary<string, Type>(PublishedCluster.CustomKinds), strict: true);
        var scheduler = objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == "airflow-scheduler").Spec.Template.Spec.Containers.Single(c => c.Name == "scheduler");
        var command = objects.OfType<V1ConfigMap>().Single(m => m.Metadata.Name == "airflow-config").Data["AIRFLOW__CORE__FERNET_KEY_CMD"];
        var seed = scheduler.Env.Single(e => e.ValueFrom?.SecretKeyRef?.Key == "airflow-fernet-key-seed");
        var value = File.ReadAllLines(Path.Combine(directory, "secrets.env")).Single(l => l.StartsWith("airflow-fernet-key-seed=", StringComparison.Ordinal));
        return (command, seed.Name, value[(value.IndexOf('=') + 1)..]);
    }

    private static string DeriveKey(string python, (string Command, string SeedVariable, string Seed) published) =>
        FernetCommand.DeriveKey(python, published.Command, published.SeedVariable, published.Seed);
}

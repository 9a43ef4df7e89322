using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Publishing.Manifest;
using AirflowAspire.Hosting.Tests.Publishing.Kubernetes;
using AirflowAspire.Hosting.Tests.TestSupport;
using AirflowAspire.Testing;

namespace AirflowAspire.Hosting.Tests.Integrations.Airflow;

/// <summary>
/// Whoever fills the fernet seed parameter (Aspirate: random letters and digits of the manifest's minimum
/// length), the command in the manifest must give Airflow a valid, stable fernet key. Checked the way
/// Airflow runs *_CMD options (shlex-split, no shell) and with the real cryptography Fernet.
/// </summary>
public class FernetKeyTests
{
    private const string DeriveAndCheck = """
        import os, shlex, subprocess, sys
        from cryptography.fernet import Fernet
        args = shlex.split(os.environ["FERNET_CMD"])
        assert args[0] == "python", args[0]
        args[0] = sys.executable
        key = subprocess.check_output(args).decode().strip()
        fernet = Fernet(key)
        assert fernet.decrypt(fernet.encrypt(b"connection password")) == b"connection password"
        print(key)
        """;

    [SkippableFact]
    public async Task Manifest_fernet_command_turns_any_generated_seed_into_a_valid_stable_key()
    {
        var python = Python.FindWith("cryptography.fernet");
        RequiredTool.SkipOrFailIfMissing(python is null, "python3 with the cryptography module is not installed");

        var (command, seedVariable, seedParameter, minLength) = await ReadFernetSettingsFromManifestAsync();
        Assert.StartsWith("{", seedParameter);

        var seeds = new[] { AspirateStyleSecret(minLength), AspirateStyleSecret(minLength), AspirateStyleSecret(minLength * 3) };
        var keys = seeds.Select(seed => DeriveKey(python!, command, seedVariable, seed)).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(keys[0], DeriveKey(python!, command, seedVariable, seeds[0]));
        Assert.All(keys, key => Assert.Equal(32, Convert.FromBase64String(key.Replace('-', '+').Replace('_', '/')).Length));
    }

    [SkippableFact]
    public async Task Kubernetes_scheduler_derives_a_valid_key_from_the_published_secret()
    {
        var python = Python.FindWith("cryptography.fernet");
        RequiredTool.SkipOrFailIfMissing(python is null, "python3 with the cryptography module is not installed");
        var app = (await DistributedApplicationTestingBuilder.CreateAsync<Program>("--publisher", "kubernetes")).Build();
        using var cluster = await PublishedCluster.PublishAsync(app.Model);

        var scheduler = cluster.Get<k8s.Models.V1Deployment>("airflow-scheduler").Spec.Template.Spec.Containers.Single(c => c.Name == "scheduler");
        var command = cluster.Get<k8s.Models.V1ConfigMap>("airflow-config").Data["AIRFLOW__CORE__FERNET_KEY_CMD"];
        var seed = scheduler.Env.Single(e => e.ValueFrom?.SecretKeyRef?.Key == "airflow-fernet-key-seed");
        var published = cluster.SecretValues["airflow-fernet-key-seed"];

        var key = DeriveKey(python!, command, seed.Name, published);
        Assert.Equal(32, Convert.FromBase64String(key.Replace('-', '+').Replace('_', '/')).Length);
        using var republished = await cluster.PublishAgainAsync(app.Model);
        Assert.Equal(key, DeriveKey(python!, command, seed.Name, republished.SecretValues["airflow-fernet-key-seed"]));
    }

    private static string DeriveKey(string python, string command, string seedVariable, string seed)
    {
        var (exitCode, stdout, stderr) = Python.Run(python, DeriveAndCheck, new Dictionary<string, string>
        {
            ["FERNET_CMD"] = command,
            [seedVariable] = seed,
        });
        Assert.True(exitCode == 0, $"deriving the key from seed of length {seed.Length} failed: {stderr}");
        return stdout.Trim();
    }

    private static async Task<(string Command, string SeedVariable, string SeedPlaceholder, int MinLength)> ReadFernetSettingsFromManifestAsync()
    {
        var app = (await DistributedApplicationTestingBuilder.CreateAsync<Program>("--publisher", "manifest")).Build();
        var manifest = JsonNode.Parse(ManifestRenderer.Render(app.Model, app.Model.AppHostDirectory))!["resources"]!;
        var env = manifest["airflow-scheduler"]!["env"]!;
        Assert.Null(env["AIRFLOW__CORE__FERNET_KEY"]);
        var command = env["AIRFLOW__CORE__FERNET_KEY_CMD"]!.GetValue<string>();
        var seedVariable = env.AsObject().Single(e => e.Value!.GetValue<string>() == "{airflow-fernet-key-seed.value}").Key;
        var minLength = manifest["airflow-fernet-key-seed"]!["inputs"]!["value"]!["default"]!["generate"]!["minLength"]!.GetValue<int>();
        return (command, seedVariable, "{airflow-fernet-key-seed.value}", minLength);
    }

    private static string AspirateStyleSecret(int length) =>
        RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", length);
}

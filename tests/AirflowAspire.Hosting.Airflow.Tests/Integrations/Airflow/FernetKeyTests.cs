using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Airflow.Tests.Integrations.Airflow;

/// <summary>
/// Whoever fills the fernet seed parameter (Aspirate: random letters and digits of the manifest's minimum
/// length), the command in the manifest must give Airflow a valid, stable fernet key. Checked the way
/// Airflow runs *_CMD options (shlex-split, no shell) and with the real cryptography Fernet.
/// </summary>
public class FernetKeyTests
{
    [SkippableFact]
    public void Manifest_fernet_command_turns_any_generated_seed_into_a_valid_stable_key()
    {
        var python = Python.FindWith("cryptography.fernet");
        RequiredTool.SkipOrFailIfMissing(python is null, "python3 with the cryptography module is not installed");

        var resources = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Manifest))!["resources"]!;
        var env = resources["airflow-scheduler"]!["env"]!;
        Assert.Null(env["AIRFLOW__CORE__FERNET_KEY"]);
        var command = env["AIRFLOW__CORE__FERNET_KEY_CMD"]!.GetValue<string>();
        var seedVariable = env.AsObject().Single(e => e.Value!.GetValue<string>() == "{airflow-fernet-key-seed.value}").Key;
        var minLength = resources["airflow-fernet-key-seed"]!["inputs"]!["value"]!["default"]!["generate"]!["minLength"]!.GetValue<int>();

        var seeds = new[] { AspirateStyleSecret(minLength), AspirateStyleSecret(minLength), AspirateStyleSecret(minLength * 3) };
        var keys = seeds.Select(seed => DeriveKey(python!, command, seedVariable, seed)).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(keys[0], DeriveKey(python!, command, seedVariable, seeds[0]));
        Assert.All(keys, key => Assert.Equal(32, Convert.FromBase64String(key.Replace('-', '+').Replace('_', '/')).Length));
    }

    private static string DeriveKey(string python, string command, string seedVariable, string seed) =>
        FernetCommand.DeriveKey(python, command, seedVariable, seed);

    private static string AspirateStyleSecret(int length) =>
        RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", length);
}

using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Airflow.Tests.Manifest;

/// <summary>
/// The manifest of the repository's AppHost, written by Aspire's manifest publisher the way Aspirate asks for it
/// (the AppHost run as a process): fresh, conforming, free of secret values, and silent on stderr.
/// </summary>
public class AppHostManifestTests : IDisposable
{
    private const string RegenerateCommand = "dotnet run --project AppHost -- --publisher manifest --output-path .";

    private readonly TempFolder output = new();

    public void Dispose() => output.Dispose();

    [Fact]
    public async Task Publishing_exits_0_writes_nothing_on_stderr_and_matches_the_committed_manifest()
    {
        var path = output.Combine("aspire-manifest.json");
        var result = await AppHostProcess.RunAsync(AppHostProcess.DefaultAppHost, RepositoryPaths.Root, "--publisher", "manifest", "--output-path", path);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Equal(string.Empty, result.StandardError);
        Assert.True(File.Exists(RepositoryPaths.Manifest), $"{RepositoryPaths.Manifest} is missing. Create it from the repository root with: {RegenerateCommand}");
        Assert.True(
            Normalized(path) == Normalized(RepositoryPaths.Manifest),
            $"aspire-manifest.json is stale: the AppHost's model changed. Regenerate it from the repository root with: {RegenerateCommand}");
    }

    [Fact]
    public void Committed_manifest_conforms_and_holds_only_container_parameter_and_value_resources()
    {
        var json = File.ReadAllText(RepositoryPaths.Manifest);

        ManifestConformance.Assert(json);
        var types = JsonNode.Parse(json)!["resources"]!.AsObject().Select(r => r.Value!["type"]!.GetValue<string>()).Distinct().Order();
        Assert.Equal(["container.v0", "parameter.v0", "value.v0"], types);
    }

    [Fact]
    public void Committed_manifest_mounts_the_dags_folder_relative_to_itself()
    {
        var resources = JsonNode.Parse(File.ReadAllText(RepositoryPaths.Manifest))!["resources"]!;

        Assert.Equal("dags", resources["airflow-scheduler"]!["bindMounts"]![0]!["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task Manifest_holds_no_secret_value_even_when_the_parameters_have_values()
    {
        var secrets = new Dictionary<string, string>
        {
            ["postgres-password"] = "PgSecretValue123",
            ["redis-password"] = "RedisSecretValue123",
            ["airflow-fernet-key-seed"] = "FernetSeedValue123",
            ["airflow-jwt-secret"] = "JwtSecretValue123",
            ["airflow-secret-key"] = "ApiSecretValue123",
            ["airflow-admin-password"] = "AdminSecretValue123",
        };
        var path = output.Combine("with-values.json");
        string[] args = ["--publisher", "manifest", "--output-path", path, .. secrets.Select(s => $"--Parameters:{s.Key}={s.Value}")];

        var result = await AppHostProcess.RunAsync(AppHostProcess.DefaultAppHost, RepositoryPaths.Root, args);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        var json = File.ReadAllText(path);
        var parameters = JsonNode.Parse(json)!["resources"]!.AsObject().Where(r => r.Value!["type"]!.GetValue<string>() == "parameter.v0").Select(r => r.Key);
        Assert.Equal(secrets.Keys.Order(), parameters.Order());
        Assert.All(secrets.Values, secret => Assert.DoesNotContain(secret, json));
        Assert.All(secrets.Values, secret => Assert.DoesNotContain(secret, result.StandardOutput));
    }

    /// <summary>The manifest with each bind mount's source made absolute, so manifests written to different folders compare.</summary>
    private static string Normalized(string manifestPath)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        var folder = Path.GetDirectoryName(manifestPath)!;
        foreach (var (_, resource) in manifest["resources"]!.AsObject())
        {
            foreach (var mount in resource!["bindMounts"]?.AsArray() ?? [])
            {
                mount!["source"] = Path.GetFullPath(Path.Combine(folder, mount["source"]!.GetValue<string>()));
            }
        }

        return manifest.ToJsonString();
    }
}

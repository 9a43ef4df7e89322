using System.Text.Json.Nodes;
using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Publishing.Manifest;
using AirflowAspire.Testing;

namespace AirflowAspire.Hosting.Tests.Manifest;

/// <summary>The manifest of the repository's AppHost: fresh, conforming, and free of secret values.</summary>
public class AppHostManifestTests
{
    private const string RegenerateCommand = "dotnet run --project AppHost -- --publisher manifest --output-path .";

    [Fact]
    public async Task Committed_manifest_is_what_the_AppHost_publishes_now()
    {
        var (model, repositoryRoot) = await BuildAppHostAsync();
        var committed = Path.Combine(repositoryRoot, ManifestPublisher.FileName);

        Assert.True(File.Exists(committed), $"{committed} is missing. Create it from the repository root with: {RegenerateCommand}");
        var expected = ManifestRenderer.Render(model, repositoryRoot);
        Assert.True(expected == File.ReadAllText(committed),
            $"{ManifestPublisher.FileName} is stale: the AppHost's model changed. Regenerate it from the repository root with: {RegenerateCommand}");
    }

    [Fact]
    public async Task Manifest_conforms_and_holds_only_container_parameter_and_value_resources()
    {
        var (model, repositoryRoot) = await BuildAppHostAsync();
        var json = ManifestRenderer.Render(model, repositoryRoot);

        ManifestConformance.Assert(json);
        var types = JsonNode.Parse(json)!["resources"]!.AsObject().Select(r => r.Value!["type"]!.GetValue<string>()).Distinct().Order();
        Assert.Equal(["container.v0", "parameter.v0", "value.v0"], types);
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
        var args = secrets.Select(s => $"--Parameters:{s.Key}={s.Value}").Prepend("manifest").Prepend("--publisher").ToArray();
        var (model, repositoryRoot) = await BuildAppHostAsync(args);

        var json = ManifestRenderer.Render(model, repositoryRoot);

        Assert.Equal(secrets.Keys.Order(), model.Resources.OfType<ParameterResource>().Select(p => p.Name).Order());
        Assert.All(secrets.Values, secret => Assert.DoesNotContain(secret, json));
    }

    [Fact]
    public async Task Dags_bind_mount_is_relative_to_the_manifest()
    {
        var (model, repositoryRoot) = await BuildAppHostAsync();

        var manifest = JsonNode.Parse(ManifestRenderer.Render(model, repositoryRoot))!["resources"]!;
        Assert.Equal("dags", manifest["airflow-scheduler"]!["bindMounts"]![0]!["source"]!.GetValue<string>());
    }

    private static async Task<(DistributedApplicationModel Model, string RepositoryRoot)> BuildAppHostAsync(params string[] args)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>(args.Length == 0 ? ["--publisher", "manifest"] : args);
        var model = builder.Build().Model;
        return (model, Directory.GetParent(model.AppHostDirectory)!.FullName);
    }
}

using System.Text.Json.Nodes;
using Aspire.Hosting.Testing;

namespace AirflowAspire.DagPackager.Tests.Release;

/// <summary>
/// The model release's tests publish: Airflow with the Celery executor on Postgres and Redis, its AppHost in a folder
/// of the test's (where the model reads <c>dags.lock.json</c> from), published with Aspire's manifest publisher.
/// </summary>
internal static class CeleryAirflowModel
{
    /// <summary>Each container's image in the published manifest.</summary>
    public static async Task<Dictionary<string, string>> PublishedImagesAsync(
        string appHostDirectory, Func<IResourceBuilder<AirflowResource>, IResourceBuilder<AirflowResource>>? configure = null)
    {
        var output = Path.Combine(appHostDirectory, "published", "aspire-manifest.json");
        await PublishAsync(appHostDirectory, ["--publisher", "manifest", "--output-path", output], configure);
        return JsonNode.Parse(await File.ReadAllTextAsync(output))!["resources"]!.AsObject()
            .Where(r => r.Value!["image"] is not null)
            .ToDictionary(r => r.Key, r => r.Value!["image"]!.GetValue<string>());
    }

    /// <summary>Publishes the model's kustomize tree (the environment <c>k8s</c>) and returns its folder.</summary>
    public static async Task<string> PublishKustomizeTreeAsync(
        string appHostDirectory, string outputRoot, Func<IResourceBuilder<AirflowResource>, IResourceBuilder<AirflowResource>>? configure = null)
    {
        await PublishAsync(
            appHostDirectory,
            ["--operation", "publish", "--step", "publish-k8s", "--output-path", outputRoot],
            configure,
            builder => builder.AddKustomizeEnvironment("k8s"));
        var tree = Path.Combine(outputRoot, "k8s");
        return Directory.Exists(tree) ? tree : throw new InvalidOperationException($"The publish wrote no tree to {tree}.");
    }

    private static async Task PublishAsync(
        string appHostDirectory,
        string[] args,
        Func<IResourceBuilder<AirflowResource>, IResourceBuilder<AirflowResource>>? configure,
        Action<IDistributedApplicationBuilder>? environments = null)
    {
        await using var builder = DistributedApplicationTestingBuilder.Create(args, (options, _) => options.ProjectDirectory = appHostDirectory);
        var database = builder.AddPostgres("postgres").AddDatabase("airflow-db", databaseName: "airflow");
        var broker = builder.AddRedis("redis");
        var airflow = builder.AddAirflow("airflow").WithDatabase(database).WithCeleryExecutor(broker);
        configure?.Invoke(airflow);
        environments?.Invoke(builder);
        await using var app = builder.Build();
        await app.RunAsync().WaitAsync(TimeSpan.FromMinutes(1));
    }
}

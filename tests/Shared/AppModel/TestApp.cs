using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AirflowAspire.TestSupport;

/// <summary>An Aspire testing builder whose AppHost folder is a fresh folder the test owns, deleted on dispose.</summary>
public sealed class TestApp : IDisposable
{
    private readonly TempFolder folder = new();

    private TestApp(string[] args) =>
        Builder = DistributedApplicationTestingBuilder.Create(args, (options, _) => options.ProjectDirectory = folder.Path);

    /// <summary>The AppHost folder, which relative paths (WithDags) start from.</summary>
    public string Directory => folder.Path;

    public IDistributedApplicationTestingBuilder Builder { get; }

    /// <param name="args">Command-line arguments, e.g. <c>--Airflow:airflow:DagDelivery=git-sync</c>.</param>
    public static TestApp Create(params string[] args) => new(args);

    /// <summary>In publish mode (<c>--operation publish --step publish</c>), as <c>aspire publish</c> runs the AppHost.</summary>
    /// <param name="args">More command-line arguments, e.g. <c>--Airflow:airflow:DagDelivery=git-sync</c>.</param>
    public static TestApp CreateForPublish(params string[] args) => new(["AppHost:Operation=publish", "Pipeline:Step=publish", .. args]);

    /// <summary>Makes a folder under the AppHost folder, e.g. a DAG folder.</summary>
    public string CreateFolder(string name) => System.IO.Directory.CreateDirectory(Path.Combine(Directory, name)).FullName;

    /// <summary>Builds the model without starting anything.</summary>
    public DistributedApplicationModel BuildModel() =>
        Builder.Build().Services.GetRequiredService<DistributedApplicationModel>();

    /// <summary>
    /// Publishes the model with Aspire's manifest publisher into a folder of its own and returns the manifest's
    /// text; throws what the app throws before it publishes (the Airflow checks that need every setting).
    /// </summary>
    public static async Task<string> PublishManifestAsync(Action<IDistributedApplicationBuilder> declare)
    {
        using var folder = new TempFolder();
        var output = Path.Combine(folder.Path, "aspire-manifest.json");
        await using var builder = DistributedApplicationTestingBuilder.Create(
            ["--publisher", "manifest", "--output-path", output],
            (options, _) => options.ProjectDirectory = folder.Path);
        declare(builder);
        await using var app = builder.Build();
        await app.RunAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return await File.ReadAllTextAsync(output);
    }

    public void Dispose()
    {
        Builder.Dispose();
        folder.Dispose();
    }
}

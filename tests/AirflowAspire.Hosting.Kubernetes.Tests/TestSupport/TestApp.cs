using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Publishing;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Kubernetes.Tests.TestSupport;

/// <summary>
/// An Aspire testing builder in publish mode (<c>--operation publish --step publish</c>) whose AppHost folder is a
/// fresh folder the test owns. Resources are added to <see cref="Builder"/>; <see cref="PublishAsync"/> adds the
/// kustomize environment <c>k8s</c> and runs Aspire's pipeline, as <c>aspire publish</c> would.
/// </summary>
public sealed class TestApp : IDisposable
{
    public const string EnvironmentName = "k8s";

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(2);

    private readonly TempFolder folder = new();

    private readonly AppLogs logs = new(LogLevel.Warning);

    private TestApp(string[] args) =>
        Builder = DistributedApplicationTestingBuilder.Create(
            ["AppHost:Operation=publish", "Pipeline:Step=publish", .. args],
            (options, _) => options.ProjectDirectory = folder.Path);

    /// <summary>The AppHost folder, which relative paths (WithDags) start from.</summary>
    public string Directory => folder.Path;

    public IDistributedApplicationTestingBuilder Builder { get; }

    /// <param name="args">More command-line arguments, e.g. <c>--Airflow:airflow:DagDelivery=git-sync</c>.</param>
    public static TestApp Create(params string[] args) => new(args);

    /// <summary>Makes a folder under the AppHost folder, e.g. a DAG folder.</summary>
    public string CreateFolder(string name) => System.IO.Directory.CreateDirectory(Path.Combine(Directory, name)).FullName;

    /// <summary>
    /// Runs the publish pipeline with the kustomize environment, which writes <c>{outputRoot}/k8s</c>.
    /// <paramref name="configuration"/> is what the command line would set, e.g. <c>namespace</c> or <c>name-prefix</c>;
    /// <paramref name="environment"/> configures the environment as an AppHost would.
    /// </summary>
    public async Task PublishAsync(
        string outputRoot,
        IReadOnlyDictionary<string, string?>? configuration = null,
        Action<IResourceBuilder<KustomizeEnvironmentResource>>? environment = null)
    {
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
        {
            Builder.Configuration[key] = value;
        }

        Builder.Configuration["Pipeline:OutputPath"] = outputRoot;
        Builder.Services.AddLogging(logging => logging.AddProvider(logs));
        var kustomize = Builder.AddKustomizeEnvironment(EnvironmentName);
        environment?.Invoke(kustomize);
        if (CaptureDeployObjects)
        {
            AddDeployObjectsCapture(kustomize.Resource);
        }

        await using var app = Builder.Build();
        await app.RunAsync().WaitAsync(PublishTimeout);
        if (app.Services.GetRequiredService<ReportedStepFailures>().Messages is { Count: > 0 } failures)
        {
            throw new DistributedApplicationException(string.Join(Environment.NewLine, failures));
        }

        if (!System.IO.Directory.Exists(Path.Combine(outputRoot, EnvironmentName)))
        {
            throw new InvalidOperationException($"The pipeline finished without writing the tree. It logged: {string.Join(Environment.NewLine, logs.Lines)}");
        }
    }

    /// <summary>When set before publishing, <see cref="DeployObjects"/> gets the objects the deploy step would apply.</summary>
    public bool CaptureDeployObjects { get; set; }

    /// <summary>The objects the deploy step renders for the cluster, read in a step after the publish step as deploy reads them.</summary>
    public IReadOnlyList<JsonObject> DeployObjects { get; private set; } = [];

#pragma warning disable ASPIREPIPELINES001, ASPIREPIPELINES004 // the pipeline API is experimental in Aspire 13.6
    private void AddDeployObjectsCapture(KustomizeEnvironmentResource environment) =>
        Builder.Pipeline.AddStep("capture-deploy-objects", async context =>
        {
            var tree = await KustomizePublishing.RenderAsync(environment, context, reuseStoredSecrets: true);
            DeployObjects = tree.Objects;
        }, dependsOn: environment.PublishStepName, requiredBy: WellKnownPipelineSteps.Publish);
#pragma warning restore ASPIREPIPELINES001, ASPIREPIPELINES004

    /// <summary>Publishes and returns what stopped it, with the messages of the exceptions inside.</summary>
    public async Task<string> PublishFailureAsync(string outputRoot, IReadOnlyDictionary<string, string?>? configuration = null)
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(() => PublishAsync(outputRoot, configuration));
        var messages = new List<string>();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" | ", messages);
    }


    public void Dispose()
    {
        Builder.Dispose();
        folder.Dispose();
    }
}

using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Publishing;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Kubernetes.Tests.TestSupport;

/// <summary>
/// Publishes a <see cref="TestApp"/> made with <see cref="TestApp.CreateForPublish"/>: adds the kustomize environment
/// <c>k8s</c> and runs Aspire's pipeline, as <c>aspire publish</c> would.
/// </summary>
public static class KustomizeTestPublish
{
    public const string EnvironmentName = "k8s";

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(2);

    private static readonly ConditionalWeakTable<TestApp, DeployObjectsCapture> Captures = [];

    /// <summary>
    /// Runs the publish pipeline with the kustomize environment, which writes <c>{outputRoot}/k8s</c>.
    /// <paramref name="configuration"/> is what the command line would set, e.g. <c>namespace</c> or <c>name-prefix</c>;
    /// <paramref name="environment"/> configures the environment as an AppHost would.
    /// </summary>
    public static async Task PublishAsync(
        this TestApp test,
        string outputRoot,
        IReadOnlyDictionary<string, string?>? configuration = null,
        Action<IResourceBuilder<KustomizeEnvironmentResource>>? environment = null)
    {
        var builder = test.Builder;
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
        {
            builder.Configuration[key] = value;
        }

        builder.Configuration["Pipeline:OutputPath"] = outputRoot;
        var logs = new AppLogs(LogLevel.Warning);
        builder.Services.AddLogging(logging => logging.AddProvider(logs));
        var kustomize = builder.AddKustomizeEnvironment(EnvironmentName);
        environment?.Invoke(kustomize);
        if (Captures.TryGetValue(test, out var capture))
        {
            AddDeployObjectsCapture(builder, kustomize.Resource, capture);
        }

        await using var app = builder.Build();
        await app.RunAsync().WaitAsync(PublishTimeout);
        if (app.Services.GetRequiredService<ReportedStepFailures>().Messages is { Count: > 0 } failures)
        {
            throw new DistributedApplicationException(string.Join(Environment.NewLine, failures));
        }

        if (!Directory.Exists(Path.Combine(outputRoot, EnvironmentName)))
        {
            throw new InvalidOperationException($"The pipeline finished without writing the tree. It logged: {string.Join(Environment.NewLine, logs.Lines)}");
        }
    }

    /// <summary>Called before publishing: the returned capture gets the objects the deploy step would apply.</summary>
    public static DeployObjectsCapture CaptureDeployObjects(this TestApp test) => Captures.GetValue(test, _ => new DeployObjectsCapture());

    /// <summary>Publishes and returns what stopped it, with the messages of the exceptions inside.</summary>
    public static async Task<string> PublishFailureAsync(this TestApp test, string outputRoot, IReadOnlyDictionary<string, string?>? configuration = null)
    {
        var exception = await Assert.ThrowsAnyAsync<Exception>(() => test.PublishAsync(outputRoot, configuration));
        var messages = new List<string>();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" | ", messages);
    }

#pragma warning disable ASPIREPIPELINES001, ASPIREPIPELINES004 // the pipeline API is experimental in Aspire 13.6
    private static void AddDeployObjectsCapture(IDistributedApplicationBuilder builder, KustomizeEnvironmentResource environment, DeployObjectsCapture capture) =>
        builder.Pipeline.AddStep("capture-deploy-objects", context =>
        {
            var published = context.Services.GetRequiredService<KustomizePublications>().Of(environment);
            capture.BeforeDeploy?.Invoke(published.Directory);
            capture.Objects = KustomizeDeploySteps.TreeFor(published, published.Server).Objects;
            return Task.CompletedTask;
        }, dependsOn: environment.PublishStepName, requiredBy: WellKnownPipelineSteps.Publish);
#pragma warning restore ASPIREPIPELINES001, ASPIREPIPELINES004
}

/// <summary>The objects the deploy step renders for the cluster, taken in a step after the publish step as deploy takes them.</summary>
public sealed class DeployObjectsCapture
{
    public IReadOnlyList<JsonObject> Objects { get; internal set; } = [];

    /// <summary>Runs on the published tree's folder after the publish step and before the objects are rendered, as between publish and deploy.</summary>
    public Action<string>? BeforeDeploy { get; set; }
}

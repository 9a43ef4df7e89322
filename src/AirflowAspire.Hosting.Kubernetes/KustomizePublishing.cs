using AirflowAspire.Hosting.Publishing;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// One publish of a kustomize environment: reads what the model gives (every container's environment and
/// arguments, the plain parameters' values), settles the namespace, prefix and folder, and renders the tree in
/// memory. The model is only read.
/// </summary>
internal static class KustomizePublishing
{
#pragma warning disable ASPIREPIPELINES001 // the pipeline API is experimental in Aspire 13.6
    /// <summary>Renders the tree for a pipeline step, from what the step's services say of the run.</summary>
    /// <param name="reuseStoredSecrets">Take the secrets the publish step just wrote, never rotating them again.</param>
    /// <param name="server">The server to render for; when not given, the version <c>--kube-version</c> names, or current Kubernetes.</param>
    public static Task<KubernetesTree> RenderAsync(
        KustomizeEnvironmentResource environment, PipelineStepContext context, bool reuseStoredSecrets = false, KubernetesServerFeatures? server = null) =>
        RenderAsync(
            environment,
            context.Model,
            context.ExecutionContext,
            context.Services.GetRequiredService<IConfiguration>(),
            context.Services.GetService<DistributedApplicationOptions>()?.Args,
            context.Services.GetRequiredService<IHostEnvironment>().ApplicationName,
            OutputFolder.Of(context, environment, "its manifests"),
            context.Logger,
            context.CancellationToken,
            reuseStoredSecrets,
            server);
#pragma warning restore ASPIREPIPELINES001

    /// <param name="directory">The environment's output folder, which the tree goes into.</param>
    public static async Task<KubernetesTree> RenderAsync(
        KustomizeEnvironmentResource environment,
        DistributedApplicationModel model,
        DistributedApplicationExecutionContext executionContext,
        IConfiguration configuration,
        IReadOnlyList<string>? args,
        string applicationName,
        string directory,
        ILogger logger,
        CancellationToken cancellationToken,
        bool reuseStoredSecrets = false,
        KubernetesServerFeatures? server = null)
    {
        var configurations = await ResourceConfiguration.ReadAllAsync(model, executionContext, logger, cancellationToken);
        var secretParameters = KubernetesContext.SecretsOf(model, configurations).ToList();
        var options = PublishSwitches.Read(configuration, args, secretParameters);
        if (reuseStoredSecrets)
        {
            // Deploy applies what its publish step just wrote; rotating again would apply other values than the file holds.
            options = options with { RotateSecrets = false };
        }

        var prefix = KubernetesNames.NamePrefix(options.NamePrefix ?? environment.NamePrefix);
        var @namespace = KubernetesNames.Namespace(model, options.Namespace ?? environment.Namespace);
        var parameters = await PlainParameters.ReadAsync(model, cancellationToken);
        var secrets = SecretValueFile.Resolve(
            secretParameters, Path.Combine(directory, KubernetesContext.SecretsEnvFile), KubernetesContext.SecretKey, options);
        var context = new KubernetesContext(model, LabelValue(applicationName), @namespace, prefix, configurations, parameters, secrets, server ?? KubernetesServerFeatures.FromConfiguration(configuration));
        return KubernetesRenderer.Render(context, directory);
    }

    /// <summary>The AppHost's name as a label value: <c>AirflowAspire.AppHost</c> becomes <c>airflowaspire-apphost</c>.</summary>
    internal static string LabelValue(string applicationName) =>
        DnsLabel.Sanitize(applicationName) is { Length: > 0 } label ? label : "aspire";
}

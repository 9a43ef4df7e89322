using AirflowAspire.Hosting.Publishing;
using Aspire.Hosting.Pipelines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// One publish of a kustomize environment: reads what the model gives (every container's environment and
/// arguments, the plain parameters' values), settles the secret values, the namespace, prefix and folder, once.
/// The model is only read; the tree renders from the result (<see cref="KubernetesRenderer"/>).
/// </summary>
internal static class KustomizePublishing
{
#pragma warning disable ASPIREPIPELINES001 // the pipeline API is experimental in Aspire 13.6
    /// <summary>Reads the model for a pipeline step, from what the step's services say of the run.</summary>
    public static Task<KustomizeInputs> ReadAsync(KustomizeEnvironmentResource environment, PipelineStepContext context) =>
        ReadAsync(
            environment,
            context.Model,
            context.ExecutionContext,
            context.Services.GetRequiredService<IConfiguration>(),
            context.Services.GetService<DistributedApplicationOptions>()?.Args,
            context.Services.GetRequiredService<IHostEnvironment>().ApplicationName,
            OutputFolder.Of(context, environment, "its manifests"),
            context.Logger,
            context.CancellationToken);
#pragma warning restore ASPIREPIPELINES001

    /// <param name="directory">The environment's output folder, which the tree goes into and its secrets are kept in.</param>
    public static async Task<KustomizeInputs> ReadAsync(
        KustomizeEnvironmentResource environment,
        DistributedApplicationModel model,
        DistributedApplicationExecutionContext executionContext,
        IConfiguration configuration,
        IReadOnlyList<string>? args,
        string applicationName,
        string directory,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var configurations = await ResourceConfiguration.ReadAllAsync(model, executionContext, logger, cancellationToken);
        var secretParameters = KubernetesContext.SecretsOf(model, configurations).ToList();
        var options = PublishSwitches.Read(configuration, args, secretParameters);
        var prefix = KubernetesNames.NamePrefix(options.NamePrefix ?? environment.NamePrefix);
        var @namespace = KubernetesNames.Namespace(model, options.Namespace ?? environment.Namespace);
        var parameters = await PlainParameters.ReadAsync(model, cancellationToken);
        var secrets = SecretValueFile.Resolve(secretParameters, Path.Combine(directory, KubernetesSecret.EnvFile), SecretReference.KeyOf, options);
        return new KustomizeInputs(
            model, LabelValue(applicationName), @namespace, prefix, configurations, parameters, secrets, directory,
            KubernetesServerFeatures.FromConfiguration(configuration));
    }

    /// <summary>The AppHost's name as a label value: <c>AirflowAspire.AppHost</c> becomes <c>airflowaspire-apphost</c>.</summary>
    internal static string LabelValue(string applicationName) =>
        DnsLabel.Sanitize(applicationName) is { Length: > 0 } label ? label : "aspire";
}

using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Publishing;

/// <summary>
/// A container's environment and arguments as the model gives them, read once through Aspire's public
/// <see cref="ExecutionConfigurationBuilder"/> before anything is rendered: the raw values (parameters,
/// endpoints, expressions), never resolved text, so no secret value reaches a manifest.
/// </summary>
public sealed record ResourceConfiguration(IReadOnlyList<KeyValuePair<string, object>> Environment, IReadOnlyList<object> Arguments)
{
    public static readonly ResourceConfiguration Empty = new([], []);

    /// <summary>
    /// One read at a time in the process. Aspire evaluates each environment callback once and keeps the result, a
    /// copy of the context of the read that ran it; reads of one resource at once (the kustomize and compose publish
    /// steps run side by side) could leave a component with none of its Airflow settings, about once in twenty
    /// publishes. Read one after another, every read sees each callback's result built on the ones before it.
    /// </summary>
    private static readonly SemaphoreSlim Reading = new(1, 1);

    /// <summary>The configuration of every container of the model.</summary>
    public static async Task<IReadOnlyDictionary<IResource, ResourceConfiguration>> ReadAllAsync(
        DistributedApplicationModel model, DistributedApplicationExecutionContext executionContext, ILogger logger, CancellationToken cancellationToken)
    {
        var configurations = new Dictionary<IResource, ResourceConfiguration>();
        foreach (var container in model.Resources.OfType<ContainerResource>())
        {
            configurations[container] = await ReadAsync(container, executionContext, logger, cancellationToken);
        }

        return configurations;
    }

    public static async Task<ResourceConfiguration> ReadAsync(
        IResource resource, DistributedApplicationExecutionContext executionContext, ILogger logger, CancellationToken cancellationToken)
    {
        IExecutionConfigurationResult result;
        await Reading.WaitAsync(cancellationToken);
        try
        {
            result = await ExecutionConfigurationBuilder.Create(resource)
                .WithEnvironmentVariablesConfig()
                .WithArgumentsConfig()
                .BuildAsync(executionContext, logger, cancellationToken);
        }
        finally
        {
            Reading.Release();
        }

        // Resolving a value can fail (a parameter given nowhere); the raw values are what is published, and the
        // secrets among them are settled from the secret value file, so only a failure of another kind stops the publish.
        if (result.Exception is { } exception and not MissingParameterValueException)
        {
            throw new DistributedApplicationException($"The environment or arguments of '{resource.Name}' could not be read: {exception.Message}", exception);
        }

        return new ResourceConfiguration(
            [.. result.EnvironmentVariablesWithUnprocessed.Select(e => KeyValuePair.Create(e.Key, e.Value.Item1))],
            [.. result.ArgumentsWithUnprocessed.Select(a => a.Item1)]);
    }
}

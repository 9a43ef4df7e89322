using AirflowAspire.Hosting.Publishing;
using Microsoft.Extensions.Logging;

namespace AirflowAspire.Hosting.Compose;

/// <summary>
/// One container of the model with the environment and arguments its callbacks give in publish mode, as the
/// model's own objects (parameters, endpoints, expressions), not resolved values.
/// </summary>
internal sealed record ComposeServiceSource(
    ContainerResource Container,
    IReadOnlyList<KeyValuePair<string, object>> Environment,
    IReadOnlyList<object> Arguments)
{
    public string Name => Container.Name;

    /// <summary>Every container the model publishes, in the model's order.</summary>
    public static async Task<IReadOnlyList<ComposeServiceSource>> ReadAllAsync(
        DistributedApplicationModel model, DistributedApplicationExecutionContext executionContext, ILogger logger, CancellationToken cancellationToken)
    {
        var sources = new List<ComposeServiceSource>();
        foreach (var container in model.Resources.OfType<ContainerResource>().Where(c => !c.IsExcludedFromPublish()))
        {
            sources.Add(await ReadAsync(container, executionContext, logger, cancellationToken));
        }

        return sources;
    }

    private static async Task<ComposeServiceSource> ReadAsync(
        ContainerResource container, DistributedApplicationExecutionContext executionContext, ILogger logger, CancellationToken cancellationToken)
    {
        var configuration = await ResourceConfiguration.ReadAsync(container, executionContext, logger, cancellationToken);
        return new ComposeServiceSource(container, configuration.Environment, configuration.Arguments);
    }
}

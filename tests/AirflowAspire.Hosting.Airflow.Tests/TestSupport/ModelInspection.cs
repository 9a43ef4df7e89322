using Microsoft.Extensions.Logging.Abstractions;

namespace AirflowAspire.Hosting.Airflow.Tests.TestSupport;

/// <summary>
/// Reads what a resource gets the way a publisher does: its environment and arguments through Aspire's
/// ExecutionConfigurationBuilder in publish mode, each value written as its manifest expression (<c>{postgres.bindings.tcp.host}</c>,
/// <c>{postgres-password.value}</c>), so tests see references instead of resolved values.
/// </summary>
internal static class ModelInspection
{
    private static readonly DistributedApplicationExecutionContext Publish = new(DistributedApplicationOperation.Publish);

    public static Dictionary<string, string> Environment(IResource resource) =>
        Configuration(resource).EnvironmentVariablesWithUnprocessed.ToDictionary(e => e.Key, e => Expression(e.Value.Unprocessed));

    public static List<string> Arguments(IResource resource) =>
        [.. Configuration(resource).ArgumentsWithUnprocessed.Select(a => Expression(a.Unprocessed))];

    /// <summary>The resource's environment and arguments through Aspire's current API, as a publisher reads them.</summary>
    private static IExecutionConfigurationResult Configuration(IResource resource) =>
        ExecutionConfigurationBuilder.Create(resource)
            .WithEnvironmentVariablesConfig()
            .WithArgumentsConfig()
            .BuildAsync(Publish, NullLogger.Instance, CancellationToken.None)
            .GetAwaiter().GetResult();

    public static string Expression(object value) => value switch
    {
        string text => text,
        IManifestExpressionProvider provider => provider.ValueExpression,
        _ => value.ToString() ?? string.Empty,
    };

    public static IReadOnlyList<WaitAnnotation> Waits(IResource resource) => [.. resource.Annotations.OfType<WaitAnnotation>()];

    public static IReadOnlyList<ContainerMountAnnotation> Mounts(IResource resource) => [.. resource.Annotations.OfType<ContainerMountAnnotation>()];

    public static string ImageReference(IResource resource)
    {
        var image = resource.Annotations.OfType<ContainerImageAnnotation>().Last();
        return $"{(image.Registry is null ? "" : image.Registry + "/")}{image.Image}:{image.Tag}";
    }
}

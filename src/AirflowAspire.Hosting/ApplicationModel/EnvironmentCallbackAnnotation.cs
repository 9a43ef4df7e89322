namespace AirflowAspire.Hosting.ApplicationModel;

/// <summary>Adds environment variables when a renderer asks for them.</summary>
public sealed class EnvironmentCallbackAnnotation(Action<EnvironmentCallbackContext> callback) : IResourceAnnotation
{
    public Action<EnvironmentCallbackContext> Callback { get; } = callback;
}

/// <summary>Collects a resource's environment; the insertion order is the order renderers write.</summary>
public sealed class EnvironmentCallbackContext(DistributedApplicationExecutionContext executionContext)
{
    public DistributedApplicationExecutionContext ExecutionContext { get; } = executionContext;

    public Dictionary<string, ReferenceExpression> EnvironmentVariables { get; } = new(StringComparer.Ordinal);
}

namespace AirflowAspire.Hosting.ApplicationModel;

/// <summary>Adds command-line arguments when a renderer asks for them.</summary>
public sealed class CommandLineArgsCallbackAnnotation(Action<CommandLineArgsCallbackContext> callback) : IResourceAnnotation
{
    public Action<CommandLineArgsCallbackContext> Callback { get; } = callback;
}

public sealed class CommandLineArgsCallbackContext(DistributedApplicationExecutionContext executionContext)
{
    public DistributedApplicationExecutionContext ExecutionContext { get; } = executionContext;

    public List<ReferenceExpression> Args { get; } = [];
}

namespace AirflowAspire.Hosting.Airflow.Tests.TestSupport;

/// <summary>A resource's dashboard command run in a built app that starts nothing: what it answers before anything could run.</summary>
internal static class CommandExecution
{
    public static async Task<ExecuteCommandResult> ExecuteAsync(TestApp test, IResource resource, string command, string argument, string value)
    {
        using var app = test.Builder.Build();
        var annotation = resource.Annotations.OfType<ResourceCommandAnnotation>().Single(c => c.Name == command);
        return await annotation.ExecuteCommand(new ExecuteCommandContext
        {
            ResourceName = resource.Name,
            Services = app.Services,
            CancellationToken = CancellationToken.None,
            Logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
            Arguments = new InteractionInputCollection([new InteractionInput { Name = argument, InputType = InputType.Text, Value = value }]),
        });
    }
}

using AirflowAspire.Hosting.Publishing;

namespace AirflowAspire.Hosting;

/// <summary>The built application: publishes it (<c>--publisher NAME</c>) or runs it locally.</summary>
public sealed class DistributedApplication
{
    private readonly PublishingOptions publishing;

    internal DistributedApplication(DistributedApplicationModel model, PublishingOptions publishing)
    {
        Model = model;
        this.publishing = publishing;
    }

    public DistributedApplicationModel Model { get; }

    public static IDistributedApplicationBuilder CreateBuilder(string[] args) =>
        CreateBuilder(new DistributedApplicationOptions { Args = args });

    public static IDistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options)
    {
        UserErrorReporting.Install();
        return new DistributedApplicationBuilder(options);
    }

    public void Run() => RunAsync().GetAwaiter().GetResult();

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (Model.ExecutionContext.PublisherName is { } publisherName)
        {
            await Publishers.Get(publisherName).PublishAsync(Model, publishing.OutputPath, cancellationToken);
            return;
        }

        throw new DistributedApplicationException(
            "Running the application locally is not available in this version yet (tracked in issue #3). " +
            "Publish it instead: dotnet run --project AppHost -- --publisher manifest --output-path ./out");
    }
}

using AirflowAspire.Hosting.Orchestration;
using AirflowAspire.Hosting.Publishing;
using Microsoft.Extensions.Configuration;

namespace AirflowAspire.Hosting;

/// <summary>The built application: publishes it (<c>--publisher NAME</c>) or runs it locally.</summary>
public sealed class DistributedApplication
{
    private readonly PublishingOptions publishing;
    private readonly IConfiguration configuration;

    internal DistributedApplication(DistributedApplicationModel model, PublishingOptions publishing, IConfiguration configuration)
    {
        Model = model;
        this.publishing = publishing;
        this.configuration = configuration;
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
            await Publishers.Get(publisherName).PublishAsync(Model, publishing, cancellationToken);
            return;
        }

        await LocalRun.RunAsync(Model, configuration, cancellationToken);
    }
}

using AirflowAspire.Hosting.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aspire.Hosting;

/// <summary>Adds a docker-compose deployment of the model.</summary>
public static class ComposeEnvironmentExtensions
{
    /// <summary>
    /// A docker-compose deployment of every container of the model, written by
    /// <c>--operation publish --step publish-{name}</c> (or any publish) into <c>{output path}/{name}</c>.
    /// Local runs leave it out of the model, so it never shows up in the dashboard.
    /// </summary>
    public static IResourceBuilder<ComposeEnvironmentResource> AddComposeEnvironment(
        this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var environment = new ComposeEnvironmentResource(name);
        builder.Services.TryAddSingleton<ReportedStepFailures>();
        return builder.ExecutionContext.IsRunMode
            ? builder.CreateResourceBuilder(environment)
            : builder.AddResource(environment).ExcludeFromManifest();
    }
}

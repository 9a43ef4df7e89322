using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Integrations.RabbitMQ;

// In the root namespace, as Aspire does, so an AppHost needs one using directive.
namespace AirflowAspire.Hosting;

public static class RabbitMQBuilderExtensions
{
    /// <summary>
    /// A RabbitMQ broker with a generated password, its data on a volume, and a
    /// <c>rabbitmq-diagnostics ping</c> health check. The node name depends on the host name, so runners
    /// give the container a stable host name (its resource name) or the data volume would be orphaned.
    /// </summary>
    public static IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(this IDistributedApplicationBuilder builder, string name, int? port = null)
    {
        ResourceNames.ThrowIfInvalid(name);
        var password = builder.AddGeneratedSecret($"{name}-password");
        var rabbit = new RabbitMQServerResource(name, password.Resource);
        return builder.AddResource(rabbit)
            .WithImage($"{RabbitMQContainerImageTags.Registry}/{RabbitMQContainerImageTags.Image}", RabbitMQContainerImageTags.Tag)
            .WithEndpoint(RabbitMQServerResource.PrimaryEndpointName, RabbitMQServerResource.DefaultPort, port)
            .WithEnvironment("RABBITMQ_DEFAULT_USER", rabbit.UserName)
            .WithEnvironment("RABBITMQ_DEFAULT_PASS", ReferenceExpression.Of(rabbit.PasswordParameter))
            .WithVolume(name: null, RabbitMQServerResource.DataPath)
            .WithComputeResources(cpuRequest: "250m", memoryRequest: "512Mi", cpuLimit: null, memoryLimit: "1Gi")
            .WithAnnotation(ContainerUserAnnotation.OfficialDataImage)
            .WithAnnotation(RabbitMQLocalProcess.Annotation)
            .WithCommandHealthCheck(new CommandHealthCheckAnnotation(["rabbitmq-diagnostics", "-q", "ping"])
            {
                Interval = TimeSpan.FromSeconds(10),
                Retries = 10,
                StartPeriod = TimeSpan.FromSeconds(20),
            });
    }

    /// <summary>Uses the management image and exposes its web UI as the <c>http</c> endpoint.</summary>
    public static IResourceBuilder<RabbitMQServerResource> WithManagementPlugin(this IResourceBuilder<RabbitMQServerResource> rabbit, int? port = null) =>
        rabbit.WithImageTag(RabbitMQContainerImageTags.ManagementTag)
            .WithHttpEndpoint(RabbitMQServerResource.ManagementPort, port);

    public static bool HasManagementPlugin(this RabbitMQServerResource rabbit) =>
        rabbit.GetEndpoints().Any(e => e.TargetPort == RabbitMQServerResource.ManagementPort);
}

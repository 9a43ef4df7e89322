using AirflowAspire.Hosting.ApplicationModel;
using AirflowAspire.Hosting.Integrations.Redis;

// In the root namespace, as Aspire does, so an AppHost needs one using directive.
namespace AirflowAspire.Hosting;

public static class RedisBuilderExtensions
{
    /// <summary>
    /// The password reaches the server as configuration on standard input, never as an argument (arguments
    /// are visible to every user through ps); exec makes the server PID 1 so it gets SIGTERM and stops cleanly.
    /// </summary>
    private const string RedisServerCommand =
        "exec redis-server - --appendonly yes --save \"60 1\" <<EOF\nrequirepass ${" + RedisResource.PasswordVariable + "}\nEOF";

    /// <summary>
    /// A Redis server with a generated password, append-only persistence on a data volume, and a
    /// <c>redis-cli ping</c> health check.
    /// </summary>
    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, string name, int? port = null)
    {
        ResourceNames.ThrowIfInvalid(name);
        var password = builder.AddGeneratedSecret($"{name}-password");
        var redis = new RedisResource(name, password.Resource);
        return builder.AddResource(redis)
            .WithImage($"{RedisContainerImageTags.Registry}/{RedisContainerImageTags.Image}", RedisContainerImageTags.Tag)
            .WithEndpoint(RedisResource.PrimaryEndpointName, RedisResource.DefaultPort, port)
            .WithEnvironment(RedisResource.PasswordVariable, ReferenceExpression.Of(redis.PasswordParameter))
            .WithEntrypoint("/bin/sh")
            .WithArgs("-c", RedisServerCommand)
            .WithVolume(name: null, RedisResource.DataPath)
            .WithComputeResources(cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: null, memoryLimit: "512Mi")
            .WithAnnotation(ContainerUserAnnotation.OfficialDataImage)
            .WithAnnotation(RedisLocalProcess.Annotation)
            .WithCommandHealthCheck(new CommandHealthCheckAnnotation(
                [$"REDISCLI_AUTH=\"${RedisResource.PasswordVariable}\" redis-cli ping | grep -q PONG"], UseShell: true)
            {
                Interval = TimeSpan.FromSeconds(10),
                Retries = 50,
                StartPeriod = TimeSpan.FromSeconds(30),
                Timeout = TimeSpan.FromSeconds(30),
            });
    }
}

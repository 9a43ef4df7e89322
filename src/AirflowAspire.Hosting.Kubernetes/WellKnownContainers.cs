using AirflowAspire.Hosting.Publishing;

namespace AirflowAspire.Hosting.Kubernetes;

/// <summary>
/// What the publisher knows of the official images behind Aspire's Postgres, Redis and RabbitMQ that their
/// resources do not say: the non-root user the server runs as, its resources, and (through
/// <see cref="DataServiceReadiness"/>) the command that tells whether it accepts clients.
/// </summary>
internal static class WellKnownContainers
{
    /// <summary>The image's user: the model's <see cref="ContainerUserAnnotation"/>, else the official data images' 999; null when unknown.</summary>
    public static ContainerUserAnnotation? User(IResource resource) =>
        resource.Annotations.OfType<ContainerUserAnnotation>().LastOrDefault()
        ?? (resource is PostgresServerResource or RedisResource or RabbitMQServerResource ? ContainerUserAnnotation.OfficialDataImage : null);

    /// <summary>CPU and memory the server gets unless the model says otherwise (WithComputeResources); null when none is known.</summary>
    public static ComputeResourcesAnnotation? Resources(IResource resource) => resource switch
    {
        PostgresServerResource => new("100m", "128Mi", null, "1Gi"),
        RabbitMQServerResource => new("100m", "256Mi", null, "1Gi"),
        RedisResource => new("50m", "64Mi", null, "512Mi"),
        _ => null,
    };

    /// <summary>A command run inside the container that succeeds once the server accepts clients; null when none is known.</summary>
    public static IReadOnlyList<string>? ReadinessCommand(IResource resource) => DataServiceReadiness.Command(resource);

    /// <summary>
    /// Where Postgres keeps its data: the target of its volume, else where the official image puts it
    /// (<c>/var/lib/postgresql</c> from version 18 on, <c>/var/lib/postgresql/data</c> before).
    /// </summary>
    public static string PostgresDataPath(PostgresServerResource server)
    {
        if (ContainerFacts.Mounts(server).FirstOrDefault(m => m.Type == ContainerMountType.Volume) is { } volume)
        {
            return volume.Target;
        }

        var tag = server.Annotations.OfType<ContainerImageAnnotation>().LastOrDefault()?.Tag ?? string.Empty;
        var major = int.TryParse(tag.Split('.', '-')[0], System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : 18;
        return major >= 18 ? "/var/lib/postgresql" : "/var/lib/postgresql/data";
    }
}

namespace AirflowAspire.Hosting.Integrations.RabbitMQ;

/// <summary>The official rabbitmq image, pinned; the management variant adds the web UI on 15672.</summary>
public static class RabbitMQContainerImageTags
{
    public const string Registry = "docker.io";
    public const string Image = "library/rabbitmq";
    public const string Tag = "4.1.4";
    public const string ManagementTag = "4.1.4-management";
}

using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Integrations.RabbitMQ;

/// <summary>A RabbitMQ broker in the official rabbitmq image.</summary>
public sealed class RabbitMQServerResource(string name, ParameterResource password) : ContainerResource(name), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";
    public const int DefaultPort = 5672;
    public const int ManagementPort = 15672;
    public const string DataPath = "/var/lib/rabbitmq";

    /// <summary>The official image lets this user connect from other hosts (loopback_users.guest = false).</summary>
    public string UserName => "guest";

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    /// <summary>The AMQP URI form, with the default virtual host.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{UserName}:{PasswordParameter}@{PrimaryEndpoint.Host}:{PrimaryEndpoint.Port}");
}

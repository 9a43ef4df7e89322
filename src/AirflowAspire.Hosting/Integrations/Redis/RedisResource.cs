using AirflowAspire.Hosting.ApplicationModel;

namespace AirflowAspire.Hosting.Integrations.Redis;

/// <summary>A Redis server in the official redis image, protected by a password.</summary>
public sealed class RedisResource(string name, ParameterResource password) : ContainerResource(name), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";
    public const int DefaultPort = 6379;
    public const string DataPath = "/data";

    /// <summary>The variable the server reads its password from, so the password is never in its arguments.</summary>
    public const string PasswordVariable = "REDIS_PASSWORD";

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => new(this, PrimaryEndpointName);

    /// <summary>StackExchange.Redis's form, as .NET clients expect.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Host}:{PrimaryEndpoint.Port},password={PasswordParameter}");
}

namespace AirflowAspire.Hosting.Integrations.Redis;

/// <summary>The official redis image, pinned.</summary>
public static class RedisContainerImageTags
{
    public const string Registry = "docker.io";
    public const string Image = "library/redis";
    public const string Tag = "7.4.5";
}

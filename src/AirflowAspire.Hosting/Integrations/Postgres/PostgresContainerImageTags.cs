namespace AirflowAspire.Hosting.Integrations.Postgres;

/// <summary>The official postgres image, pinned. 17 keeps its data in /var/lib/postgresql/data (18 moved it).</summary>
public static class PostgresContainerImageTags
{
    public const string Registry = "docker.io";
    public const string Image = "library/postgres";
    public const string Tag = "17.6";
}

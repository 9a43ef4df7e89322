using Npgsql;

namespace AirflowAspire.Hosting.Kubernetes.ClusterTests.Deploy;

/// <summary>A Postgres that a deploy started in the test cluster, reached from the host with the password the publish generated.</summary>
internal static class DeployedPostgres
{
    /// <summary>A generated value of the published <c>secrets.env</c> (written unquoted, as generated values need no quotes).</summary>
    public static string SecretValue(string output, string key) =>
        File.ReadAllLines(Path.Combine(output, "k8s", "secrets.env")).Single(line => line.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];

    /// <summary>Connects to database <c>airflow</c> at <paramref name="host"/> (a Service's ClusterIP or a pod's IP) as <c>postgres</c>.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(string host, string password)
    {
        var connection = new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = 5432,
            Username = "postgres",
            Password = password,
            Database = "airflow",
            Timeout = 15,

            // A rollback drops and recreates the database, ending every session: a pooled one would be dead.
            Pooling = false,
        };
        var db = new NpgsqlConnection(connection.ConnectionString);
        await db.OpenAsync();
        return db;
    }

    /// <summary>Connects with the deployed password and asks which database it is.</summary>
    public static async Task AssertAcceptsAsync(string host, string output)
    {
        await using var db = await OpenAsync(host, SecretValue(output, "postgres-password"));
        await using var query = new NpgsqlCommand("select current_database()", db);
        Assert.Equal("airflow", await query.ExecuteScalarAsync());
    }
}

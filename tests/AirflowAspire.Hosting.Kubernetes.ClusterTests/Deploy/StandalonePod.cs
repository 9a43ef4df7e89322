using k8s;
using k8s.Models;
using Npgsql;

namespace AirflowAspire.Hosting.Kubernetes.ClusterTests.Deploy;

/// <summary>The pod of a standalone Airflow deployment, and the Postgres that runs inside it.</summary>
internal static class StandalonePod
{
    private static readonly TimeSpan PostgresReadyTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The pod once its Postgres container is ready; fails with the pod's state when it is not within two minutes.</summary>
    public static Task<V1Pod> WaitForPostgresAsync(DeployTarget target, string name)
    {
        V1Pod? last = null;
        return Poll.UntilAsync(
            $"the Postgres container of pod {name} to be ready",
            PostgresReadyTimeout,
            async () =>
            {
                last = await target.Client.CoreV1.ReadNamespacedPodAsync(name, target.Namespace);
                return last.Status?.ContainerStatuses?.Any(c => c.Name == "postgres" && c.Ready) == true ? last : null;
            },
            () => Task.FromResult(KubernetesJson.Serialize(last?.Status)));
    }

    /// <summary>Connects to the pod's Postgres at the pod's address with the deployed password and asks which database it is.</summary>
    public static async Task AssertPostgresAcceptsAsync(V1Pod pod, string password)
    {
        await using var db = await OpenAsync(pod, password);
        await using var query = new NpgsqlCommand("select current_database()", db);
        Assert.Equal("airflow", await query.ExecuteScalarAsync());
    }

    public static async Task<NpgsqlConnection> OpenAsync(V1Pod pod, string password)
    {
        var connection = new NpgsqlConnectionStringBuilder
        {
            Host = pod.Status.PodIP,
            Port = 5432,
            Username = "postgres",
            Password = password,
            Database = "airflow",
            Timeout = 15,
        };
        var db = new NpgsqlConnection(connection.ConnectionString);
        await db.OpenAsync();
        return db;
    }

    /// <summary>What a container of the pod has written so far.</summary>
    public static async Task<string> LogAsync(DeployTarget target, string pod, string container)
    {
        await using var stream = await target.Client.CoreV1.ReadNamespacedPodLogAsync(pod, target.Namespace, container: container);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    /// <summary>A generated value of the published <c>secrets.env</c> (written unquoted, as generated values need no quotes).</summary>
    public static string SecretValue(string output, string key) =>
        File.ReadAllLines(Path.Combine(output, "k8s", "secrets.env")).Single(line => line.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];
}

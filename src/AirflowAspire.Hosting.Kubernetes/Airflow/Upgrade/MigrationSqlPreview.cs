using AirflowAspire.Hosting.Airflow;
using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// What the new image's migration would run against the live database, without running it: a Job of the migration's
/// own pod (its image, environment, Secret and security settings) running <c>airflow db migrate --show-sql-only</c>,
/// which reads the database's revision and prints the SQL from there to the image's head (Airflow's
/// utils/db.py upgradedb with show_sql_only), submitting none. The Job and its pod are deleted afterwards.
/// </summary>
internal static class MigrationSqlPreview
{
    /// <summary>The command's output, or why there is none.</summary>
    public static Task<(bool Succeeded, string Output)> RunAsync(ClusterApi api, JsonObject migrationJob, TimeSpan timeout, CancellationToken cancellationToken) =>
        OneShotJob.RunAsync(api, PreviewJob(migrationJob), AirflowMigrations.MigrateContainer, timeout, cancellationToken);

    /// <summary>The migration Job's pod with only its migrate container, its arguments those of the preview, run once.</summary>
    internal static JsonObject PreviewJob(JsonObject migrationJob)
    {
        var job = (JsonObject)migrationJob.DeepClone();
        var metadata = (JsonObject)job["metadata"]!;
        var name = $"{(string?)metadata["name"]}-sql-preview";
        metadata["name"] = name;
        metadata.Remove("annotations");
        var spec = (JsonObject)job["spec"]!;
        spec["backoffLimit"] = 0;
        spec["ttlSecondsAfterFinished"] = 300;
        var template = (JsonObject)spec["template"]!;
        template["metadata"]!["labels"]![KubernetesContext.NameLabel] = name;
        var pod = (JsonObject)template["spec"]!;
        var migrate = ((JsonArray)pod["initContainers"]!).OfType<JsonObject>().Single(c => (string?)c["name"] == AirflowMigrations.MigrateContainer).DeepClone().AsObject();
        migrate["args"] = new JsonArray(AirflowUpgradeNotes.SqlPreviewArgs.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray());
        pod.Remove("initContainers");
        pod["containers"] = new JsonArray(migrate);
        pod["restartPolicy"] = "Never";
        return job;
    }
}

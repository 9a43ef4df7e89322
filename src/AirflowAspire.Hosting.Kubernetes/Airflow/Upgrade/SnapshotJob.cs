using System.Text.Json.Nodes;
using AirflowAspire.Hosting.Airflow;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// The Job that dumps the metadata database: the Postgres server's image and pod security settings, reaching the
/// database as the migration does (its user, its password from the Secret, its address), writing a custom-format
/// dump (<c>pg_restore</c> reads it) first to a partial file, then keeping only the newest dumps.
/// </summary>
internal static class SnapshotJob
{
    // The address is host:port/database (AirflowSecretUrl's address part); libpq takes the three from PG* variables,
    // the password from PGPASSWORD, so none is in an argument.
    private const string Script = """
        set -eu
        hostport="${DATABASE_ADDRESS%%/*}"
        export PGHOST="${hostport%:*}" PGPORT="${hostport##*:}" PGDATABASE="${DATABASE_ADDRESS#*/}"
        pg_dump --format=custom --file="$SNAPSHOT_FOLDER/$SNAPSHOT_FILE.partial"
        mv "$SNAPSHOT_FOLDER/$SNAPSHOT_FILE.partial" "$SNAPSHOT_FOLDER/$SNAPSHOT_FILE"
        ls -1 "$SNAPSHOT_FOLDER"/*.dump | sort | head -n "-$SNAPSHOT_KEEP" | xargs -r rm -f --
        echo "snapshot: $SNAPSHOT_FILE, $(stat -c %s "$SNAPSHOT_FOLDER/$SNAPSHOT_FILE") bytes"
        """;

    public static JsonObject Build(string name, string claim, string file, int keep, JsonObject migration, JsonObject server, DeployTarget target)
    {
        var serverPod = server["spec"]!["template"]!["spec"]!;
        var serverContainer = serverPod["containers"]![0]!;
        var migrate = ((JsonArray)migration["spec"]!["template"]!["spec"]!["initContainers"]!).OfType<JsonObject>()
            .Single(c => (string?)c["name"] == AirflowMigrations.MigrateContainer);
        var url = AirflowEnvironment.DatabaseUrl;
        var env = new JsonArray(
            Renamed(migrate, url.UserVariable, "PGUSER"),
            Renamed(migrate, url.PasswordVariable, "PGPASSWORD"),
            Renamed(migrate, url.AddressVariable, "DATABASE_ADDRESS"),
            Value("SNAPSHOT_FOLDER", "/snapshots"),
            Value("SNAPSHOT_FILE", file),
            Value("SNAPSHOT_KEEP", keep.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var container = new JsonObject
        {
            ["name"] = AirflowSnapshots.DumpContainer,
            ["image"] = serverContainer["image"]!.DeepClone(),
            ["command"] = new JsonArray("bash", "-c", Script.ReplaceLineEndings("\n")),
            ["env"] = env,
            ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "snapshots", ["mountPath"] = "/snapshots" }),
        };
        if (serverContainer["securityContext"] is { } containerSecurity)
        {
            container["securityContext"] = containerSecurity.DeepClone();
        }

        var pod = new JsonObject
        {
            ["restartPolicy"] = "Never",
            ["automountServiceAccountToken"] = false,
            ["containers"] = new JsonArray(container),
            ["volumes"] = new JsonArray(new JsonObject { ["name"] = "snapshots", ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = claim } }),
        };
        if (serverPod["securityContext"] is { } podSecurity)
        {
            pod["securityContext"] = podSecurity.DeepClone();
        }

        return new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = target.Namespace, ["labels"] = SnapshotClaim.Labels(target, name) },
            ["spec"] = new JsonObject
            {
                ["backoffLimit"] = 0,
                ["ttlSecondsAfterFinished"] = 300,
                ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = SnapshotClaim.Labels(target, name) }, ["spec"] = pod },
            },
        };
    }

    private static JsonObject Renamed(JsonObject container, string variable, string name)
    {
        var entry = ((JsonArray?)container["env"])?.OfType<JsonObject>().FirstOrDefault(e => (string?)e["name"] == variable)
            ?? throw new DistributedApplicationException($"The migration Job has no {variable}, which the database snapshot needs to reach the database.");
        var copy = (JsonObject)entry.DeepClone();
        copy["name"] = name;
        return copy;
    }

    private static JsonObject Value(string name, string value) => new() { ["name"] = name, ["value"] = value };
}

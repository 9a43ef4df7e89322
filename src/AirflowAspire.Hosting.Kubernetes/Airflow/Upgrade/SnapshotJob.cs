using System.Text.Json.Nodes;

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
        # The server may be restarting (its pod replaced by this deploy or the rollback before it): up to 2 minutes.
        for attempt in $(seq 1 60); do pg_isready --quiet && break; sleep 2; done
        pg_dump --format=custom --file="$SNAPSHOT_FOLDER/$SNAPSHOT_FILE.partial"
        mv "$SNAPSHOT_FOLDER/$SNAPSHOT_FILE.partial" "$SNAPSHOT_FOLDER/$SNAPSHOT_FILE"
        ls -1 "$SNAPSHOT_FOLDER"/*.dump | sort | head -n "-$SNAPSHOT_KEEP" | xargs -r rm -f --
        echo "snapshot: $SNAPSHOT_FILE, $(stat -c %s "$SNAPSHOT_FOLDER/$SNAPSHOT_FILE") bytes"
        """;

    public static JsonObject Build(string name, string claim, string file, int keep, JsonObject migration, JsonObject server, DeployTarget target) =>
        DatabaseJob.Build(
            name, AirflowSnapshots.DumpContainer, Script, claim, migration, server, target,
            DatabaseJob.Value("SNAPSHOT_FOLDER", "/snapshots"),
            DatabaseJob.Value("SNAPSHOT_FILE", file),
            DatabaseJob.Value("SNAPSHOT_KEEP", keep.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}

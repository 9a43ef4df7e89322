using System.Text.Json.Nodes;

namespace AirflowAspire.Hosting.Kubernetes.Airflow;

/// <summary>
/// The Job that puts the metadata database back as a snapshot dumped it (<see cref="DatabaseJob"/>: the Postgres
/// server's image, the password only from the Secret): checks the dump reads, then, from the <c>postgres</c>
/// maintenance database, drops the database (ending its sessions: Postgres 13's <c>WITH (FORCE)</c>) and creates it
/// empty, and restores the dump into it, so whatever a later migration added is gone.
/// </summary>
internal static class RestoreJob
{
    public const string Container = "pg-restore";

    // psql interpolates :"database" as a quoted identifier; the script reads from standard input, so no value is in an argument.
    private const string Script = """
        set -eu
        hostport="${DATABASE_ADDRESS%%/*}"
        export PGHOST="${hostport%:*}" PGPORT="${hostport##*:}"
        database="${DATABASE_ADDRESS#*/}"
        # The server may be restarting (its pod replaced by this deploy or the rollback before it): up to 2 minutes.
        for attempt in $(seq 1 60); do pg_isready --quiet && break; sleep 2; done
        pg_restore --list "$SNAPSHOT_FILE" >/dev/null
        psql --no-psqlrc --quiet --set=ON_ERROR_STOP=1 --dbname=postgres --set=database="$database" <<'SQL'
        DROP DATABASE IF EXISTS :"database" WITH (FORCE);
        CREATE DATABASE :"database";
        SQL
        pg_restore --exit-on-error --dbname="$database" "$SNAPSHOT_FILE"
        echo "restored: $SNAPSHOT_FILE into database $database"
        """;

    public static JsonObject Build(string name, DatabaseSnapshot snapshot, JsonObject migration, JsonObject server, DeployTarget target) =>
        DatabaseJob.Build(name, Container, Script, snapshot.Claim, migration, server, target, DatabaseJob.Value("SNAPSHOT_FILE", snapshot.File));
}

#!/bin/bash
# The parts of the official postgres image's entrypoint that AirflowAspire's model relies on: on the
# first start with an empty $PGDATA it runs initdb with POSTGRES_USER, POSTGRES_PASSWORD and
# POSTGRES_INITDB_ARGS, allows remote logins with POSTGRES_HOST_AUTH_METHOD and creates POSTGRES_DB;
# the server always runs as the postgres user. Like the official image, initialisation happens on a
# server that listens on no TCP address, so `pg_isready -h 127.0.0.1` passes only once it is done.
set -Eeuo pipefail

if [[ "${1:0:1}" == '-' ]]; then
    set -- postgres "$@"
fi

if [[ "$1" == postgres && "$(id -u)" == 0 ]]; then
    mkdir -p "$PGDATA"
    chown postgres:postgres "$PGDATA"
    chmod 700 "$PGDATA"
    exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
fi

initialise() {
    : "${POSTGRES_USER:=postgres}"
    : "${POSTGRES_DB:=$POSTGRES_USER}"
    if [[ -z "${POSTGRES_PASSWORD:-}" && "${POSTGRES_HOST_AUTH_METHOD:-}" != trust ]]; then
        echo "error: the database is uninitialised and POSTGRES_PASSWORD is not set." >&2
        echo "       Set POSTGRES_PASSWORD, or POSTGRES_HOST_AUTH_METHOD=trust to allow logins without one." >&2
        exit 1
    fi

    local initdb_args=()
    read -ra initdb_args <<<"${POSTGRES_INITDB_ARGS:-}"
    initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "${POSTGRES_PASSWORD:-}") "${initdb_args[@]}"

    local auth="${POSTGRES_HOST_AUTH_METHOD:-$(postgres -C password_encryption)}"
    printf '\nhost all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"

    pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p 5432" -w start
    export PGPASSWORD="${POSTGRES_PASSWORD:-}"
    if [[ "$POSTGRES_DB" != postgres ]]; then
        psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname postgres --set db="$POSTGRES_DB" \
            <<<'CREATE DATABASE :"db";'
    fi
    unset PGPASSWORD
    pg_ctl -D "$PGDATA" -m fast -w stop
    echo "PostgreSQL init process complete; ready for start up."
}

if [[ "$1" == postgres && ! -s "$PGDATA/PG_VERSION" ]]; then
    initialise
fi

exec "$@"

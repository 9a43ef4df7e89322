"""A stand-in for the Airflow image's entrypoint and CLI; NOT Airflow. See the Dockerfile beside it."""
import http.server
import json
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.parse

READY = "/tmp/standin-ready"
CLI_LOG = "/tmp/standin-cli.log"
PORTS = {"api-server": 8080, "webserver": 8080, "scheduler": 8974, "worker": 8793, "flower": 5555}
HEALTHY_PATHS = {"api-server": {"/api/v2/monitor/health"}, "webserver": {"/health"}, "scheduler": {"/health"}}


def log(message):
    print(f"stand-in: {message}", flush=True)


def option(section, name):
    """An option as Airflow reads it: AIRFLOW__S__O, else the output of AIRFLOW__S__O_CMD (shlex-split, no shell)."""
    variable = f"AIRFLOW__{section.upper()}__{name.upper()}"
    if variable in os.environ:
        return os.environ[variable]
    command = os.environ.get(variable + "_CMD")
    if command is None:
        return None
    return subprocess.run(shlex.split(command), check=True, capture_output=True, text=True).stdout.strip()


def init():
    import psycopg2
    import redis

    database = option("database", "sql_alchemy_conn")
    if not database:
        log("no metadata database configured")
        return 1
    dsn = database.replace("postgresql+psycopg2://", "postgresql://", 1)
    with psycopg2.connect(dsn, connect_timeout=10) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        log(f"metadata database {cursor.fetchone()[0]} answers")
    broker = option("celery", "broker_url")
    if broker and broker.startswith("redis"):
        redis.Redis.from_url(broker, socket_timeout=10).ping()
        log("celery broker (redis) answers")
    elif broker:
        parsed = urllib.parse.urlsplit(broker)
        socket.create_connection((parsed.hostname, parsed.port or 5672), timeout=10).close()
        log("celery broker accepts connections")
    fernet = option("core", "fernet_key")
    if fernet is not None and len(fernet) != 44:
        log(f"fernet key has {len(fernet)} characters, not 44")
        return 1
    delay = float(os.environ.get("STANDIN_INIT_SECONDS", "3"))
    time.sleep(delay)
    log("init ok")
    return 0


def connect():
    import psycopg2

    database = option("database", "sql_alchemy_conn")
    return psycopg2.connect(database.replace("postgresql+psycopg2://", "postgresql://", 1), connect_timeout=10)


def wait_for_database():
    """As the image's entrypoint does before `bash`: retries the database, CONNECTION_CHECK_MAX_COUNT times."""
    attempts = int(os.environ.get("CONNECTION_CHECK_MAX_COUNT", "20"))
    pause = float(os.environ.get("CONNECTION_CHECK_SLEEP_TIME", "3"))
    if attempts <= 0 or not option("database", "sql_alchemy_conn"):
        return
    for attempt in range(1, attempts + 1):
        try:
            connect().close()
            return
        except Exception as error:  # noqa: BLE001 - any failure to connect is retried, as the entrypoint does
            log(f"database not reachable yet ({attempt}/{attempts}): {str(error).strip()}")
            time.sleep(pause)
    log("database never answered")
    sys.exit(1)


def migrate():
    """Stands in for the migration: records in the metadata database that it ran."""
    with connect() as connection, connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS standin_migrations (ran_at timestamptz NOT NULL DEFAULT now())")
        cursor.execute("INSERT INTO standin_migrations DEFAULT VALUES")
    log("db migrate: recorded (not Airflow)")
    return 0


def check_migrations(args):
    """Waits up to --migration-wait-timeout seconds for the stand-in migration's record."""
    timeout = next((int(a.split("=", 1)[1]) for a in args if a.startswith("--migration-wait-timeout=")), 60)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with connect() as connection, connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM standin_migrations")
                if cursor.fetchone()[0] > 0:
                    log("db check-migrations: the migration has run (not Airflow)")
                    return 0
        except Exception:  # noqa: BLE001 - no table yet, or the database is still starting
            pass
        time.sleep(1)
    log(f"db check-migrations: no migration after {timeout} s")
    return 1


def create_user(args):
    """Records the user, keeping an existing one as Airflow does; the password too, for tests to compare."""
    values = dict(zip(args[::2], args[1::2]))
    with connect() as connection, connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS standin_users (username text PRIMARY KEY, password text NOT NULL, role text)")
        cursor.execute(
            "INSERT INTO standin_users VALUES (%s, %s, %s) ON CONFLICT (username) DO NOTHING",
            (values.get("--username"), values.get("--password"), values.get("--role")))
    log(f"users create: {values.get('--username')} (not Airflow)")
    return 0


class Health(http.server.BaseHTTPRequestHandler):
    paths = None

    def do_GET(self):
        path = urllib.parse.urlsplit(self.path).path
        ok = self.paths is None or path in self.paths
        body = b'{"status": "healthy", "standin": true}' if ok else b"not found"
        self.send_response(200 if ok else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


def serve(role):
    open(READY, "w").close()
    port = PORTS.get(role)
    log(f"{role} running" + (f", HTTP on {port}" if port else ""))
    if port is None:
        while True:
            time.sleep(3600)
    Health.paths = HEALTHY_PATHS.get(role)
    server = http.server.ThreadingHTTPServer(("0.0.0.0", port), Health)
    server.serve_forever()
    return 0


def record(args):
    """Keeps every CLI call the stand-in answers, one JSON array of its arguments a line, for tests to read back."""
    with open(CLI_LOG, "a") as log_file:
        log_file.write(json.dumps(args) + "\n")


def cli(args):
    """Answers the CLI calls the dashboard's commands make, as text that says it is a stand-in; fails for DAG ids
    starting with "missing", as Airflow does for a DAG it does not know."""
    record(args)
    if args[:2] == ["dags", "list"]:
        print("dag_id          | fileloc                          | owners  | is_paused\n"
              "standin_example | /opt/airflow/dags/standin.py     | airflow | True\n"
              "(stand-in, not Airflow)")
        return 0
    if args[:2] == ["dags", "list-import-errors"]:
        print("No data found (stand-in, not Airflow)")
        return 0
    if args[:2] in (["dags", "unpause"], ["dags", "trigger"]) and len(args) == 3:
        if args[2].startswith("missing"):
            print(f"Dag id {args[2]} not found in DagModel (stand-in, not Airflow)", file=sys.stderr)
            return 1
        print(f"stand-in: dags {args[1]} {args[2]} (not Airflow)")
        return 0
    if args[:2] == ["db", "check"]:
        print("stand-in: db check ok (not Airflow)")
        return 0
    if args == ["db", "reset", "--yes"]:
        print("stand-in: db reset (not Airflow)")
        return 0
    return None


def main(args):
    # PID 1 gets no default signal handling: stop on SIGTERM as the real components do.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
    if not args:
        args = ["version"]
    if args[0] == "airflow" and len(args) > 1:  # the entrypoint takes `airflow X` as `X`
        args = args[1:]
    if args[0] == "celery-cli":  # the `celery` command: `celery --app X inspect ping -d celery@host`
        return 0 if "ping" in args and os.path.exists(READY) else 1
    if args[0] == "version":
        if os.environ.get("_AIRFLOW_DB_MIGRATE") == "true":
            return init()
        print("stand-in (not Airflow)")
        return 0
    if args[0] == "jobs" and len(args) > 1 and args[1] == "check":
        return 0 if os.path.exists(READY) else 1
    if args[0] == "celery" and len(args) > 1:
        return serve(args[1])
    if args[0] in ("api-server", "webserver", "scheduler", "dag-processor", "triggerer"):
        return serve(args[0])
    if args[:2] == ["db", "migrate"]:
        return migrate()
    if args[:2] == ["db", "check-migrations"]:
        return check_migrations(args[2:])
    if args[:2] == ["users", "create"]:
        return create_user(args[2:])
    if args[0] in ("dags", "db"):
        answered = cli(args)
        if answered is not None:
            return answered
    if args[0] in ("bash", "sh", "python", "python3"):
        if args[0] == "bash":
            wait_for_database()
        os.execvp(args[0], args)
    log(f"unknown command {args}")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The `airflow` command of the STAND-IN image; NOT Airflow. See the Dockerfile beside it. Every behaviour a test can
observe follows Airflow's code as named beside it; what the stand-in leaves out, it says."""
import contextlib
import getpass
import http.server
import json
import os
import signal
import sys
import threading
import time
import traceback
import urllib.parse

import airflow_hostname
import airflow_options
import standin_db
import standin_secrets

CLI_LOG = "/tmp/standin-cli.log"
# While this file exists, `db reset` does not end: for tests of a command that takes too long.
HOLD_DB_RESET = "/tmp/standin-hold-db-reset"
JOB_TYPES = {"scheduler": "SchedulerJob", "triggerer": "TriggererJob", "dag-processor": "DagProcessorJob"}


def log(message):
    print(f"stand-in: {message}", flush=True)


def value_after(args, *flags, default=None):
    """An argparse option's value, given as `--flag value` or `--flag=value`."""
    for index, arg in enumerate(args):
        for flag in flags:
            if arg == flag and index + 1 < len(args):
                return args[index + 1]
            if arg.startswith(flag + "="):
                return arg.split("=", 1)[1]
    return default


def db_check():
    """db_command.check -> utils/db.check: `select 1 as is_alive;`; a failure ends the command with its error."""
    try:
        standin_db.execute("select 1 as is_alive;")
    except Exception:  # noqa: BLE001 - Airflow lets the driver's error end the command, with its traceback
        traceback.print_exc()
        return 1
    print("Connection successful.", flush=True)
    return 0


# The version this image stands for: the official image sets AIRFLOW_VERSION in its environment.
VERSION = os.environ.get("AIRFLOW_VERSION", "0.0.0")


def db_migrate(args):
    """db_command.migratedb -> run_db_migrate_command -> utils/db.upgradedb, with the stand-in's one-step history."""
    current = standin_db.current_revision()
    target = standin_db.head(VERSION)
    if "--show-sql-only" in args:
        return show_migration_sql(current, target)
    if current is not None and standin_db.version_of(current) > standin_db.version_of(target):
        # alembic's upgrade on a database stamped by a newer release: it cannot locate the revision.
        print(f"alembic.util.exc.CommandError: Can't locate revision identified by '{current}' (stand-in)", file=sys.stderr)
        return 1
    if current == target:
        # alembic's upgrade to the head the database is already at runs no migration, so none is recorded.
        log(f"db migrate: already at {target}, nothing to migrate (not Airflow)")
        return 0
    standin_db.migrate(VERSION)
    log(f"db migrate: recorded {target} (not Airflow)")
    return 0


def show_migration_sql(current, target):
    """upgradedb(show_sql_only=True): from the database's revision to the head, the SQL printed and nothing run
    (airflow/utils/db.py: "No migrations to apply; nothing to do." when they are the same). Offline SQL in alembic's
    shape, of the stand-in's own tables: not Airflow's schema."""
    print("Generating sql for upgrade -- upgrade commands will *not* be submitted.", flush=True)
    if current == target:
        print("No migrations to apply; nothing to do.", flush=True)
        return 0
    # _revisions_above_min_for_offline: no SQL from below the offline minimum (3.0.0's revision in Airflow 3, 2.7.0's
    # in Airflow 2), the database's revision checked first; a database with no revision at all is "None". Its
    # _revision_greater walks this release's own revision map, which does not hold a newer release's revision: from a
    # database a newer release migrated (a downgrade), the walk fails and the same error names that revision.
    minimum = "3.0.0" if standin_db.version_of(target) >= (3,) else "2.7.0"
    for revision in (current, target):
        if (revision is None
                or standin_db.version_of(revision) < standin_db.version_of(standin_db.head(minimum))
                or standin_db.version_of(revision) > standin_db.version_of(target)):
            print(f"ValueError: Error while checking history for revision range {standin_db.head(minimum)}:{revision}. "
                  f"Check that {revision} is a valid revision. For dialect 'postgresql', supported revision for offline "
                  f"migration is from {standin_db.head(minimum)} which corresponds to Airflow {minimum}. (stand-in)", file=sys.stderr)
            return 1
    print("BEGIN;\n")
    print(f"-- Running upgrade {current} -> {target}\n")
    print(f"INSERT INTO standin_migrations (airflow_version) VALUES ('{VERSION}');\n")
    print(f"UPDATE standin_alembic_version SET version_num='{target}' WHERE standin_alembic_version.version_num = '{current}';\n")
    print("COMMIT;", flush=True)
    return 0


def db_check_migrations(args):
    """db.check_migrations: waits up to --migration-wait-timeout (-t) seconds, default 60, then TimeoutError."""
    timeout = int(value_after(args, "--migration-wait-timeout", "-t", default="60")) or 1
    for ticker in range(timeout):
        if standin_db.migrated(VERSION):
            log("db check-migrations: the migration has run (not Airflow)")
            return 0
        time.sleep(1)
        print(f"Waiting for migrations... {ticker} second(s)", flush=True)
    print(f"TimeoutError: There are still unapplied migrations after {timeout} seconds. (stand-in)", file=sys.stderr)
    return 1


def create_password(args):
    """The FAB provider's user_command._create_password (providers/fab/.../auth_manager/cli_commands/user_command.py):
    --password as given; else getpass.getpass twice (the terminal, or standard input where there is none: CPython's
    getpass.unix_getpass), "Passwords did not match" unless both agree."""
    password = value_after(args, "--password", "-p")
    if password:
        return password
    password = getpass.getpass("Password:")
    password_confirmation = getpass.getpass("Repeat for confirmation:")
    if password != password_confirmation:
        raise SystemExit("Passwords did not match")
    return password


def processes_showing(secret):
    """The stand-in's own observation, not Airflow's: the processes of this container whose arguments (what `ps`
    shows) hold the secret, while `users create` runs."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                if entry.isdigit() and secret.encode() in cmdline.read():
                    found.append(entry)
        except OSError:
            pass
    return found


def users_create(args):
    """The FAB provider's users create (user_command.users_create): the password (create_password) before an existing
    user is kept ("already exist in the db"); the stand-in records the password as given, for tests to compare, and
    says whether any process's arguments showed it."""
    username, role = value_after(args, "--username", "-u"), value_after(args, "--role", "-r")
    password = create_password(args)
    shown = processes_showing(password)
    created = standin_db.execute(
        "INSERT INTO standin_users VALUES (:u, :p, :r) ON CONFLICT (username) DO NOTHING RETURNING username",
        u=username, p=password, r=role)
    print(f"stand-in: users create: {username} (not Airflow)" if created else f"{username} already exist in the db", flush=True)
    print(f"stand-in: the password in a process's arguments: {'pid ' + ', '.join(shown) if shown else 'none'}", flush=True)
    return 0


def jobs_check(args):
    """jobs_command.check: the newest running job(s) of the type on the host, alive by the type's threshold."""
    limit = int(value_after(args, "--limit", default="1"))
    allow_multiple, local = "--allow-multiple" in args, "--local" in args
    hostname = value_after(args, "--hostname")
    if allow_multiple and limit <= 1:
        sys.exit("To use option --allow-multiple, you must set the limit to a value greater than 1.")
    if hostname and local:
        sys.exit("You can't use --hostname and --local at the same time")
    if local:
        hostname = airflow_hostname.get_hostname()
    alive = standin_db.alive_jobs(value_after(args, "--job-type"), hostname, limit)
    if not alive:
        sys.exit("No alive jobs found.")
    if len(alive) > 1 and not allow_multiple:
        sys.exit(f"Found {len(alive)} alive jobs. Expected only one.")
    print("Found one alive job." if len(alive) == 1 else f"Found {len(alive)} alive jobs.")
    return 0


def config_get_value(args):
    """config_command.get_value: prints conf.get(section, option)."""
    try:
        print(airflow_options.get(args[0], args[1]))
    except airflow_options.AirflowConfigException:
        sys.exit(f"The option [{args[0]}/{args[1]}] is not found in config.")
    return 0


def conn_id_of(command, args):
    """The positional conn_id (cli_config.py ARG_CONN_ID) as argparse reads it: options before `--` (`-o json` takes
    a value), every word after it a positional; None, with argparse's exit 2, unless there is exactly one."""
    positionals, index = [], 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            positionals += args[index + 1:]
            break
        if arg in ("-o", "--output"):
            index += 2
            continue
        if arg.startswith("-") and arg != "-":
            print(f"airflow command error: unrecognized arguments: {arg} (stand-in)", file=sys.stderr)
            return None
        positionals.append(arg)
        index += 1
    if len(positionals) != 1:
        print(f"airflow command error: `connections {command}` expects one conn_id (stand-in)", file=sys.stderr)
        return None
    return positionals[0]


def connections_get(args):
    """connection_command.connections_get: Connection.get_connection_from_secrets, printed as AirflowConsole prints
    the connection's fields with -o json (a list of one); "Connection not found." (exit 1) when no backend has it.
    The stand-in asks only the environment (standin_secrets), Airflow's first backend."""
    conn_id = conn_id_of("get", args)
    if conn_id is None:
        return 2
    connection = standin_secrets.get_connection(conn_id)
    if connection is None:
        raise SystemExit("Connection not found.")
    fields = ("conn_id", "conn_type", "description", "host", "schema", "login", "password", "port")
    row = {field: connection.get(field) for field in fields}
    row["extra_dejson"] = json.loads(connection["extra"]) if connection.get("extra") else {}
    print(json.dumps([row]))
    return 0


def connections_test(args):
    """connection_command.connections_test (airflow-core/src/airflow/cli/commands/connection_command.py): refused,
    exit 1, unless [core] test_connection is "enabled" (lower-cased, stripped; fallback Disabled); then
    Connection.test_connection (models/connection.py) and "Connection success!" or "Connection failed!" and the
    message, exit 0 either way. Rich's markup is left out, as Rich leaves it out when not writing to a terminal."""
    conn_id = conn_id_of("test", args)
    if conn_id is None:
        return 2
    if airflow_options.get("core", "test_connection", fallback="Disabled").lower().strip() != "enabled":
        print("\nTesting connections is disabled in Airflow configuration. Contact your deployment admin to enable it.\n")
        return 1
    print(f"Retrieving connection: {conn_id!r}")
    connection = standin_secrets.get_connection(conn_id)
    if connection is None:
        print("\nConnection not found.\n")
        return 1
    print("\nTesting...")
    status, message = test_connection(connection)
    if status is True:
        print("\nConnection success!\n")
    else:
        print(f"\nConnection failed!\n{message}\n")
    return 0


def test_connection(connection):
    """Connection.test_connection (models/connection.py): the hook's test_connection, its exception's text as the
    message. The stand-in has one hook: postgres, as DbApiHook.test_connection
    (providers/common/sql/src/airflow/providers/common/sql/hooks/sql.py) runs `select 1` through PostgresHook's
    psycopg2 connection (host, port, login, password, schema as the database). Any other type has no hook here."""
    if connection.get("conn_type") != "postgres":
        return False, f"stand-in (not Airflow): no hook for conn_type {connection.get('conn_type')!r} is imitated"
    try:
        import psycopg2
        conn = psycopg2.connect(host=connection.get("host"), port=connection.get("port"), user=connection.get("login"),
                                password=connection.get("password"), dbname=connection.get("schema"), connect_timeout=10)
        with contextlib.closing(conn), contextlib.closing(conn.cursor()) as cursor:
            cursor.execute("select 1")
            if cursor.fetchone():
                return True, "Connection successfully tested"
    except Exception as e:  # noqa: BLE001 - as DbApiHook.test_connection, the error's text is the message
        return False, str(e)
    return False, ""


def variables_get(args):
    """variable_command.variables_get: Variable.get(key), the environment first; "Variable {key} does not exist"
    (exit 1) otherwise. The stand-in has no metastore of variables."""
    value = standin_secrets.get_variable(args[0])
    if value is None:
        raise SystemExit(f"Variable {args[0]} does not exist")
    print(value)
    return 0


def pools_set(args):
    """pool_command.pool_set: positional pool, slots (argparse type=int) and description; create_or_update_pool."""
    if len(args) != 3:
        print("airflow command error: the following arguments are required: NAME, slots, description (stand-in)", file=sys.stderr)
        return 2
    try:
        slots = int(args[1])
    except ValueError:
        print(f"airflow command error: argument slots: invalid int value: '{args[1]}' (stand-in)", file=sys.stderr)
        return 2
    standin_db.create_tables()
    standin_db.set_pool(args[0], slots, args[2])
    print(f"Pool {args[0]} created")
    return 0


def pools_list():
    """pool_command.pool_list -o json: each pool's name, slots and description."""
    print(json.dumps([{"pool": p, "slots": s, "description": d} for p, s, d in standin_db.pools()]))
    return 0


class Routes(http.server.BaseHTTPRequestHandler):
    """A stand-in server's GET routes: path -> function returning (status, body or None)."""
    routes = {}

    def do_GET(self):
        route = self.routes.get(urllib.parse.urlsplit(self.path).path)
        status, body = route() if route else (404, None)
        data = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        pass


def serve_http(port, routes, background=False):
    handler = type("Handler", (Routes,), {"routes": routes})
    server = http.server.ThreadingHTTPServer(("0.0.0.0", port), handler)
    if background:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    else:
        server.serve_forever()


def airflow_health():
    """airflow_health.get_airflow_health: the metadatabase, and each job type's newest job; always answered 200."""
    try:
        standin_db.execute("select 1")
        statuses = {role: standin_db.latest_status(job) for role, job in JOB_TYPES.items()}
        database = "healthy"
    except Exception:  # noqa: BLE001 - Airflow reports any query error as an unhealthy metadatabase
        statuses, database = {}, "unhealthy"
    return 200, {
        "metadatabase": {"status": database},
        "scheduler": {"status": statuses.get("scheduler") or "unhealthy"},
        "triggerer": {"status": statuses.get("triggerer")},
        "dag_processor": {"status": statuses.get("dag-processor")},
        "standin": "not Airflow",
    }


def scheduler_health():
    """utils/scheduler_health.HealthServer: 200 while this host's newest SchedulerJob is alive, else 503."""
    try:
        alive = standin_db.alive_jobs("SchedulerJob", airflow_hostname.get_hostname())
    except Exception:  # noqa: BLE001 - Airflow answers 503 on any error
        alive = []
    return (200, None) if alive else (503, None)


def run_job_component(role):
    """scheduler, triggerer, dag-processor: a job that heartbeats in the metadata database (what `jobs check` and the
    health endpoints read); the scheduler also serves its health check when [scheduler] enable_health_check is on."""
    heartrate = airflow_options.getint("scheduler", "scheduler_heartbeat_sec" if role == "scheduler" else "job_heartbeat_sec")
    if role == "scheduler" and airflow_options.getboolean("scheduler", "enable_health_check"):
        serve_http(airflow_options.getint("scheduler", "scheduler_health_check_server_port"), {"/health": scheduler_health}, background=True)
    hostname = airflow_hostname.get_hostname()
    log(f"{role} running as {JOB_TYPES[role]} on {hostname} (not Airflow)")
    standin_db.run_job(JOB_TYPES[role], hostname, heartrate)


def celery_worker(args):
    """celery_command.worker: the log server on [logging] worker_log_server_port, then a REAL Celery worker (Debian's
    Celery) of the stand-in app, node name from --celery-hostname or else Celery's own default, celery@<hostname>.
    The stand-in worker runs no Airflow task; it uses the solo pool, as 16 prefork children would only cost memory."""
    from airflow.providers.celery.executors.celery_executor import app

    serve_http(airflow_options.getint("logging", "worker_log_server_port"), {}, background=True)
    options = ["worker", "--loglevel", "INFO", "--pool", "solo"]
    hostname = value_after(args, "--celery-hostname", "-H")
    if hostname:
        options += ["--hostname", hostname]
    app.worker_main(options)
    return 0


def record(args):
    """Keeps every CLI call, one JSON array of its arguments a line, for tests to read back."""
    with open(CLI_LOG, "a") as calls:
        calls.write(json.dumps(args) + "\n")


def cli(args):
    """Canned answers to the CLI calls the dashboard's commands make; a DAG id starting with "missing" fails, as
    Airflow does for a DAG it does not know."""
    if args[:2] == ["dags", "list"]:
        print("dag_id          | fileloc                          | owners  | is_paused\n"
              "standin_example | /opt/airflow/dags/standin.py     | airflow | True\n"
              "(stand-in, not Airflow)")
        return 0
    if args[:2] == ["dags", "list-import-errors"]:
        print("No data found (stand-in, not Airflow)")
        return 0
    if args[:2] in (["dags", "unpause"], ["dags", "trigger"]):
        return dags_with_dag_id(args[1], args[2:])
    if args == ["db", "reset", "--yes"]:
        # While the test holds it, the reset runs on (a reset that takes too long); SIGTERM ends it, as Airflow's.
        while os.path.exists(HOLD_DB_RESET):
            time.sleep(0.2)
        print("stand-in: db reset (not Airflow)")
        return 0
    return None


def dags_with_dag_id(command, args):
    """`dags unpause|trigger`: argparse reads the positional dag_id (cli_config.py ARG_DAG_ID); before `--` a word
    starting with '-' is an option, -h/--help prints the help and exits 0, an unknown option exits 2; after `--`
    every word is a positional."""
    positionals = []
    for index, arg in enumerate(args):
        if arg == "--":
            positionals += args[index + 1:]
            break
        if arg in ("-h", "--help"):
            print(f"usage: airflow dags {command} [-h] dag_id (stand-in, not Airflow)")
            return 0
        if arg.startswith("-") and arg != "-":
            print(f"airflow command error: unrecognized arguments: {arg} (stand-in)", file=sys.stderr)
            return 2
        positionals.append(arg)
    if len(positionals) != 1:
        print("airflow command error: expected one dag_id (stand-in)", file=sys.stderr)
        return 2
    dag_id = positionals[0]
    if dag_id.startswith("missing"):
        print(f"Dag id {dag_id} not found in DagModel (stand-in, not Airflow)", file=sys.stderr)
        return 1
    print(f"stand-in: dags {command} {dag_id} (not Airflow)")
    return 0


def main(args):
    # Airflow's components stop on SIGTERM; a Python PID 1 would otherwise ignore it.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    record(args)
    if not args:
        print("airflow command error: the following arguments are required: GROUP_OR_COMMAND (stand-in)", file=sys.stderr)
        return 2
    if args[0] == "version":
        # version_command: airflow.__version__ alone.
        print(VERSION if "AIRFLOW_VERSION" in os.environ else "stand-in (not Airflow)")
        return 0
    if args[:2] == ["db", "check"]:
        return db_check()
    if args[:2] == ["db", "migrate"]:
        return db_migrate(args[2:])
    if args[:2] == ["db", "check-migrations"]:
        return db_check_migrations(args[2:])
    if args[:2] == ["users", "create"]:
        return users_create(args[2:])
    if args[:2] == ["jobs", "check"]:
        return jobs_check(args[2:])
    if args[:2] == ["connections", "get"]:
        return connections_get(args[2:])
    if args[:2] == ["connections", "test"]:
        return connections_test(args[2:])
    if args[:2] == ["variables", "get"] and len(args) >= 3:
        return variables_get(args[2:])
    if args[:2] == ["pools", "set"]:
        return pools_set(args[2:])
    if args[:2] == ["pools", "list"]:
        return pools_list()
    if args[:2] == ["config", "get-value"] and len(args) == 4:
        return config_get_value(args[2:])
    if args[0] in JOB_TYPES:
        return run_job_component(args[0])
    if args[0] in ("api-server", "webserver"):
        port = airflow_options.getint("api", "port") if args[0] == "api-server" else airflow_options.getint("webserver", "web_server_port")
        log(f"{args[0]} running, HTTP on {port} (not Airflow)")
        serve_http(port, {"/api/v2/monitor/health" if args[0] == "api-server" else "/health": airflow_health})
        return 0
    if args[:2] == ["celery", "worker"]:
        return celery_worker(args[2:])
    if args[:2] == ["celery", "flower"]:
        log(f"flower running, HTTP on {airflow_options.getint('celery', 'flower_port')} (not Flower)")
        serve_http(airflow_options.getint("celery", "flower_port"), {"/": lambda: (200, {"standin": "not Flower"})})
        return 0
    answered = cli(args)
    if answered is not None:
        return answered
    print(f"stand-in: unknown command {args}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""A STAND-IN for a locally installed `airflow` (pip or venv), NOT Airflow: it records what it is asked and serves the
health endpoints the model's checks use, so tests can see how the no-container-runtime fallback runs the Airflow
components as local processes. Nothing about Airflow itself may be concluded from it.

Every call appends {"argv", "env"} to $AIRFLOW_HOME/standin-calls.jsonl (selected variables, never a password).
  db migrate            reads the _CMD options as Airflow does (shlex, no shell, unstripped), reaches the database's
                        host:port and PINGs the Redis broker with its password; records them (passwords as SHA-256)
  users create ...      takes the password as Airflow does (--password, else getpass on standard input); records
                        the call, the password as SHA-256 and which processes' arguments showed it
  api-server, webserver, scheduler, celery worker, celery flower
                        HTTP on the port its Airflow option gives (no default: a missing option fails), at the
                        host Airflow would listen on (HOST_OPTIONS); a worker first records what the API server's
                        health path at the execution API URL's host answers
  dag-processor, triggerer
                        idle; `jobs check --job-type X --hostname H` passes once X runs on H
  celery-cli ... inspect ping -d celery@N
                        passes once the worker with --celery-hostname celery@N runs
"""
import getpass
import hashlib
import http.server
import json
import os
import signal
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import airflow_options

HOME = os.environ.get("AIRFLOW_HOME", "")
RECORDED = ("AIRFLOW_HOME", "PATH", "AIRFLOWASPIRE_DATABASE_ADDRESS", "AIRFLOWASPIRE_BROKER_ADDRESS",
            "AIRFLOWASPIRE_RESULT_BACKEND_ADDRESS", "_AIRFLOW_DB_MIGRATE", "_AIRFLOW_WWW_USER_CREATE", "_AIRFLOW_WWW_USER_USERNAME")
PORT_OPTIONS = {
    "api-server": "AIRFLOW__API__PORT",
    "webserver": "AIRFLOW__WEBSERVER__WEB_SERVER_PORT",
    "scheduler": "AIRFLOW__SCHEDULER__SCHEDULER_HEALTH_CHECK_SERVER_PORT",
    "worker": "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT",
    "flower": "AIRFLOW__CELERY__FLOWER_PORT",
}
# Where each server listens, as Airflow decides it: the command's flag, else its option, whose default is every
# interface (0.0.0.0).
HOST_OPTIONS = {
    # airflow-core/src/airflow/cli/cli_config.py ARG_API_SERVER_HOSTNAME: -H/--host, default conf.get("api", "host");
    # api_server_command.py hands it to uvicorn as host.
    "api-server": (("-H", "--host"), "api", "host"),
    # Airflow 2.11 airflow/cli/cli_config.py ARG_HOSTNAME: -H/--hostname, default [webserver] web_server_host.
    "webserver": (("-H", "--hostname"), "webserver", "web_server_host"),
    # providers/celery/src/airflow/providers/celery/cli/definition.py ARG_FLOWER_HOSTNAME: -H/--hostname, default
    # [celery] flower_host; celery_command.py flower() passes it to Flower as --address.
    "flower": (("-H", "--hostname"), "celery", "flower_host"),
    # airflow/utils/scheduler_health.py serve_health_check (2.8+): [scheduler] scheduler_health_check_server_host.
    "scheduler": ((), "scheduler", "scheduler_health_check_server_host"),
}
# airflow-core/src/airflow/utils/serve_logs/core.py serve_logs: uvicorn on host "", every interface; no option.
LOG_SERVER_HOST = ""
JOB_TYPES = {"dag-processor": "DagProcessorJob", "triggerer": "TriggererJob"}
HEALTHY_PATHS = {"api-server": {"/api/v2/monitor/health"}, "webserver": {"/health"}, "scheduler": {"/health"}}


def digest(secret):
    return "sha256:" + hashlib.sha256(secret.encode()).hexdigest()


def record(argv, **facts):
    env = {k: v for k, v in os.environ.items() if k in RECORDED or (k.startswith("AIRFLOW__") and not k.endswith(("_SECRET", "_KEY")))}
    with open(os.path.join(HOME, "standin-calls.jsonl"), "a") as calls:
        calls.write(json.dumps({"argv": argv, "env": env, **facts}) + "\n")


def option(section, name):
    """An option as Airflow reads it from the environment (airflow_options.py, beside this script, follows Airflow's
    code: a _CMD's output is used as it is, unstripped), or None."""
    return airflow_options.env_var_option(section, name)


def without_password(url):
    parts = urllib.parse.urlsplit(url)
    password = urllib.parse.unquote(parts.password or "")
    return url.replace(":" + (parts.password or "") + "@", ":" + digest(password) + "@", 1), parts


def migrate(argv):
    database, parts = without_password(option("database", "sql_alchemy_conn"))
    socket.create_connection((parts.hostname, parts.port), timeout=10).close()
    facts = {"database": database}
    broker = option("celery", "broker_url")
    if broker:
        facts["broker"], parts = without_password(broker)
        with socket.create_connection((parts.hostname, parts.port), timeout=10) as connection:
            password = urllib.parse.unquote(parts.password or "")
            connection.sendall(f"AUTH {password}\r\nPING\r\n".encode() if password else b"PING\r\n")
            answer = b""
            while b"PONG" not in answer and b"-" not in answer[:1]:
                chunk = connection.recv(256)
                if not chunk:
                    break
                answer += chunk
            facts["broker_answer"] = answer.decode().split()[-1]
    facts["fernet_key_length"] = len(option("core", "fernet_key") or "")
    record(argv, **facts)
    print("stand-in: db migrate (nothing migrated: not Airflow)", flush=True)
    return 0


def ready(name):
    folder = os.path.join(HOME, "standin-ready")
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, name)


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


def api_server_answer():
    """The status of GET /api/v2/monitor/health on the execution API URL's server, or the error."""
    url = os.environ.get("AIRFLOW__CORE__EXECUTION_API_SERVER_URL")
    if not url:
        return None
    try:
        with urllib.request.urlopen(urllib.parse.urljoin(url, "/api/v2/monitor/health"), timeout=10) as response:
            return response.status
    except (OSError, urllib.error.URLError) as error:
        return str(error)


def serve(role, argv):
    record(argv, **({"api_server_answer": api_server_answer()} if role == "worker" else {}))
    if role == "worker":
        open(ready(argv[argv.index("--celery-hostname") + 1]), "w").close()
    if role in JOB_TYPES:
        open(ready(f"{JOB_TYPES[role]}@{socket.getfqdn()}"), "w").close()
    if role not in PORT_OPTIONS:
        print(f"stand-in: {role} running", flush=True)
        while True:
            time.sleep(3600)
    port = int(os.environ[PORT_OPTIONS[role]])
    host = listen_host(role, argv)
    print(f"stand-in: {role} running, HTTP on {host or '*'}:{port}", flush=True)
    Health.paths = HEALTHY_PATHS.get(role)
    server = ThreadingHTTPServer6 if ":" in host else http.server.ThreadingHTTPServer
    server((host, port), Health).serve_forever()
    return 0


class ThreadingHTTPServer6(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6


def listen_host(role, argv):
    """The host the role's server listens on: its flag's value, else its option (HOST_OPTIONS)."""
    if role not in HOST_OPTIONS:
        return LOG_SERVER_HOST
    flags, section, key = HOST_OPTIONS[role]
    for flag in flags:
        if flag in argv:
            return value_after(argv, flag)
    return airflow_options.get(section, key)


def users_create(argv):
    """The password as the FAB provider's user_command._create_password takes it: --password, else getpass.getpass
    twice (standard input where there is no terminal: CPython's getpass.unix_getpass), and they must match. Records
    the call with the password as SHA-256, and the machine's processes whose arguments (what `ps` shows) held it."""
    password = value_after(argv, "--password")
    if not password:
        password = getpass.getpass("Password:")
        if password != getpass.getpass("Repeat for confirmation:"):
            raise SystemExit("Passwords did not match")
    shown = list(argv)
    if "--password" in shown:
        shown[shown.index("--password") + 1] = digest(password)
    record(shown, password=digest(password), password_shown_by=processes_showing(password))
    return 0


def processes_showing(secret):
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                if entry.isdigit() and secret.encode() in cmdline.read():
                    found.append(int(entry))
        except OSError:
            pass
    return found


def value_after(argv, flag):
    return argv[argv.index(flag) + 1] if flag in argv else None


def main(argv):
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
    if argv[:1] == ["celery-cli"]:  # the `celery` command beside `airflow`: `celery --app X inspect ping -d celery@N`
        return 0 if "ping" in argv and os.path.exists(ready(value_after(argv, "-d"))) else 1
    if argv[:2] == ["db", "migrate"]:
        return migrate(argv)
    if argv[:2] == ["users", "create"]:
        return users_create(argv)
    if argv[:1] == ["version"]:
        record(argv)
        print("stand-in (not Airflow)", flush=True)
        return 0
    if argv[:2] == ["jobs", "check"]:
        return 0 if os.path.exists(ready(f"{value_after(argv, '--job-type')}@{value_after(argv, '--hostname')}")) else 1
    if argv[:1] == ["celery"] and len(argv) > 1:
        return serve(argv[1], argv)
    if argv[:1] and argv[0] in ("api-server", "webserver", "scheduler", "dag-processor", "triggerer"):
        return serve(argv[0], argv)
    print(f"stand-in: unknown command {argv}", file=sys.stderr, flush=True)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

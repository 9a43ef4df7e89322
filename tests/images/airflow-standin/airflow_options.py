"""How Airflow reads an option from the environment, for the STAND-INS (not Airflow). Each function follows Airflow's
own code, named beside it; where the stand-in does less, it says so. Shared by the stand-in image and the local
stand-in (tests/AirflowAspire.Hosting.Airflow.LocalServerTests), so both are as strict as Airflow."""
import os
import shlex
import subprocess
import sys


class AirflowConfigException(Exception):
    """airflow.exceptions.AirflowConfigException."""


# The options whose _CMD and _SECRET variants Airflow honours: those marked `sensitive: true` in config.yml and the
# Celery provider's provider.yaml (AirflowConfigParser.sensitive_config_values, 2.11 and 3.x). For any other option
# the variants are ignored, as Airflow ignores them.
SENSITIVE = {
    ("core", "fernet_key"), ("core", "internal_api_secret_key"), ("core", "dataset_manager_kwargs"),
    ("core", "asset_manager_kwargs"), ("database", "sql_alchemy_conn"), ("database", "sql_alchemy_engine_args"),
    ("logging", "remote_task_handler_kwargs"), ("secrets", "backend_kwargs"), ("webserver", "secret_key"),
    ("api", "secret_key"), ("api_auth", "jwt_secret"), ("smtp", "smtp_password"), ("sentry", "sentry_dsn"),
    ("celery", "broker_url"), ("celery", "result_backend"), ("celery", "flower_basic_auth"),
    ("celery_broker_transport_options", "sentinel_kwargs"),
}

# The defaults the stand-ins read (Airflow's config.yml and the Celery provider's provider.yaml).
DEFAULTS = {
    ("core", "executor"): "LocalExecutor",
    ("core", "hostname_callable"): "airflow.utils.net.getfqdn",
    ("core", "test_connection"): "Disabled",
    ("api", "host"): "0.0.0.0",
    ("api", "port"): "8080",
    ("webserver", "web_server_host"): "0.0.0.0",
    ("webserver", "web_server_port"): "8080",
    ("scheduler", "enable_health_check"): "False",
    ("scheduler", "scheduler_health_check_server_host"): "0.0.0.0",
    ("scheduler", "scheduler_health_check_server_port"): "8974",
    ("scheduler", "scheduler_health_check_threshold"): "30",
    ("scheduler", "scheduler_heartbeat_sec"): "5",
    ("scheduler", "job_heartbeat_sec"): "5",
    ("triggerer", "triggerer_health_check_threshold"): "30",
    ("logging", "worker_log_server_port"): "8793",
    ("celery", "flower_host"): "0.0.0.0",
    ("celery", "flower_port"): "5555",
}


def expand_env_var(env_var):
    """airflow.configuration.expand_env_var: expands ~ and $VARS in a plain value until it no longer changes."""
    if not env_var:
        return env_var
    while True:
        interpolated = os.path.expanduser(os.path.expandvars(str(env_var)))
        if interpolated == env_var:
            return interpolated
        env_var = interpolated


def run_command(command):
    """run_command in shared/configuration/src/airflow_shared/configuration/parser.py (3.x; airflow/configuration.py
    in 2.11): shlex-split, no shell, stdout decoded and returned AS IT IS: never stripped."""
    process = subprocess.Popen(shlex.split(command), stdout=subprocess.PIPE, stderr=subprocess.PIPE, close_fds=True)
    output, stderr = (stream.decode(sys.getdefaultencoding(), "ignore") for stream in process.communicate())
    if process.returncode != 0:
        raise AirflowConfigException(
            f"Cannot execute {command}. Error code is: {process.returncode}. Output: {output}, Stderr: {stderr}")
    return output


def env_var_option(section, key):
    """AirflowConfigParser._get_env_var_option: AIRFLOW__S__K (expanded), else _CMD's output, else _SECRET, the last
    two only for sensitive options. Presence decides: an empty AIRFLOW__S__K still wins. The stand-ins have no
    secrets backend, and Airflow without one answers None for _SECRET, as here."""
    name = f"AIRFLOW__{section.replace('.', '_').upper()}__{key.upper()}"
    if name in os.environ:
        return expand_env_var(os.environ[name])
    if name + "_CMD" in os.environ and (section, key) in SENSITIVE:
        return run_command(os.environ[name + "_CMD"])
    return None


def get(section, key, fallback=None):
    """conf.get for the stand-ins: the environment, then Airflow's default; the stand-ins read no airflow.cfg."""
    section, key = section.lower(), key.lower()
    value = env_var_option(section, key)
    if value is not None:
        return value
    if (section, key) in DEFAULTS:
        return DEFAULTS[(section, key)]
    if fallback is not None:
        return fallback
    raise AirflowConfigException(f"section/key [{section}/{key}] not found in config")


def getboolean(section, key):
    """conf.getboolean: true/t/1 and false/f/0, case-insensitive, after dropping a trailing comment."""
    value = get(section, key).lower().strip().split("#")[0].strip()
    if value in ("t", "true", "1"):
        return True
    if value in ("f", "false", "0"):
        return False
    raise AirflowConfigException(f'Failed to convert value to bool. Please check "{key}" key in "{section}" section.')


def getint(section, key):
    return int(get(section, key))

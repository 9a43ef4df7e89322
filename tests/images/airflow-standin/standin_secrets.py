"""Connections and variables as the STAND-IN (not Airflow) reads them: from the environment, as Airflow's default
secrets backend does, each step following the Airflow source named beside it. The stand-in has no metastore
backend: what the environment does not hold does not exist."""
import json
import os
from urllib.parse import parse_qsl, unquote, urlsplit

# airflow-core/src/airflow/secrets/environment_variables.py
CONN_ENV_PREFIX = "AIRFLOW_CONN_"
VAR_ENV_PREFIX = "AIRFLOW_VAR_"
# airflow-core/src/airflow/models/connection.py: Connection.EXTRA_KEY
EXTRA_KEY = "__extra__"


def get_conn_value(conn_id):
    """EnvironmentVariablesBackend.get_conn_value (no team): the variable named by the id in upper case."""
    return os.environ.get(CONN_ENV_PREFIX + conn_id.upper())


def get_variable(key):
    """EnvironmentVariablesBackend.get_variable (no team): the variable named by the key in upper case."""
    return os.environ.get(VAR_ENV_PREFIX + key.upper())


def normalize_conn_type(conn_type):
    """Connection._normalize_conn_type (models/connection.py)."""
    if conn_type == "postgresql":
        conn_type = "postgres"
    elif "-" in conn_type:
        conn_type = conn_type.replace("-", "_")
    return conn_type


def from_json(value):
    """Connection.from_json (models/connection.py): json.loads, extra kept as JSON text, conn_type normalized, the
    port made an int ("Expected integer value for `port`" otherwise)."""
    kwargs = json.loads(value)
    extra = kwargs.pop("extra", None)
    if extra:
        kwargs["extra"] = extra if isinstance(extra, str) else json.dumps(extra)
    conn_type = kwargs.pop("conn_type", None)
    if conn_type:
        kwargs["conn_type"] = normalize_conn_type(conn_type)
    port = kwargs.pop("port", None)
    if port:
        try:
            kwargs["port"] = int(port)
        except ValueError:
            raise ValueError(f"Expected integer value for `port`, but got {port!r} instead.")
    return kwargs


def from_uri(uri):
    """Connection._parse_from_uri (models/connection.py), for a URI with no host protocol (the stand-in refuses
    the rarer `scheme://protocol://host` form rather than imitating it loosely)."""
    if uri.count("://") > 1:
        raise ValueError("stand-in: a URI with a host protocol is not imitated")
    parts = urlsplit(uri)
    conn_type = parts.scheme
    rest = urlsplit(uri.replace(f"{conn_type}://", "//"))
    connection = {
        "conn_type": normalize_conn_type(conn_type),
        "host": unquote(rest.hostname or ""),
        "schema": unquote(rest.path[1:]) if rest.path[1:] else rest.path[1:],
        "login": unquote(rest.username) if rest.username else rest.username,
        "password": unquote(rest.password) if rest.password else rest.password,
        "port": rest.port,
    }
    if rest.query:
        query = dict(parse_qsl(rest.query, keep_blank_values=True))
        connection["extra"] = query[EXTRA_KEY] if EXTRA_KEY in query else json.dumps(query)
    return connection


def get_connection(conn_id):
    """BaseSecretsBackend.get_connection -> deserialize_connection (secrets/base_secrets.py): the value stripped,
    JSON when it starts with '{', else a URI; None when the environment has no such connection."""
    value = get_conn_value(conn_id)
    if not value:
        return None
    value = value.strip()
    connection = from_json(value) if value[0] == "{" else from_uri(value)
    connection["conn_id"] = conn_id
    return connection

"""The metadata database as the STAND-IN (not Airflow) uses it: reached as Airflow reaches it, through SQLAlchemy with
[database] sql_alchemy_conn (airflow/settings.py), and holding the stand-in's own tables, prefixed standin_, in place
of Airflow's schema. Nothing here is Airflow's schema or migrations."""
import time

import airflow_options

TABLES = """
CREATE TABLE IF NOT EXISTS standin_migrations (ran_at timestamptz NOT NULL DEFAULT now());
ALTER TABLE standin_migrations ADD COLUMN IF NOT EXISTS airflow_version text;
CREATE TABLE IF NOT EXISTS standin_alembic_version (version_num text PRIMARY KEY);
CREATE TABLE IF NOT EXISTS standin_users (username text PRIMARY KEY, password text NOT NULL, role text);
CREATE TABLE IF NOT EXISTS standin_pool (pool text PRIMARY KEY, slots integer NOT NULL, description text);
CREATE TABLE IF NOT EXISTS standin_job (
    id serial PRIMARY KEY, job_type text NOT NULL, state text NOT NULL, hostname text NOT NULL,
    start_date timestamptz NOT NULL DEFAULT now(), latest_heartbeat timestamptz NOT NULL DEFAULT now());
"""

_engine = None


def engine():
    """settings.engine: create_engine on the option's value exactly as read, so a stray newline in it reaches the
    database name as it does in Airflow."""
    global _engine
    if _engine is None:
        from sqlalchemy import create_engine

        _engine = create_engine(airflow_options.get("database", "sql_alchemy_conn"), pool_pre_ping=True)
    return _engine


def execute(sql, **parameters):
    from sqlalchemy import text

    with engine().begin() as connection:
        result = connection.execute(text(sql), parameters)
        return result.fetchall() if result.returns_rows else None


def create_tables():
    for statement in filter(str.strip, TABLES.split(";")):
        execute(statement)


# Each stand-in version has one migration head, as each Airflow release has one (airflow/utils/db.py
# _REVISION_HEADS_MAP); the stand-in's are its own names, "standin-<version>", not Airflow's revisions.
def head(version):
    return f"standin-{version}"


def version_of(revision):
    return tuple(int(part) for part in revision.removeprefix("standin-").split(".") if part.isdigit())


def current_revision():
    """MigrationContext.get_current_revision: the database's revision, None before the first migration."""
    try:
        rows = execute("SELECT version_num FROM standin_alembic_version")
    except Exception:  # noqa: BLE001 - no table yet: nothing migrated
        return None
    return rows[0][0] if rows else None


def migrated(version):
    """check_migrations' test (airflow/utils/db.py): the database's revision is this version's head."""
    return current_revision() == head(version)


def migrate(version):
    """Records the migration to this version's head in one transaction, as alembic's upgrade stamps alembic_version."""
    create_tables()
    with engine().begin() as connection:
        from sqlalchemy import text

        connection.execute(text("INSERT INTO standin_migrations (airflow_version) VALUES (:v)"), {"v": version})
        connection.execute(text("DELETE FROM standin_alembic_version"))
        connection.execute(text("INSERT INTO standin_alembic_version (version_num) VALUES (:r)"), {"r": head(version)})


# Job.is_alive (airflow/jobs/job.py): RUNNING and a heartbeat younger than the job type's threshold.
def threshold(job_type):
    if job_type == "SchedulerJob":
        return airflow_options.getint("scheduler", "scheduler_health_check_threshold")
    if job_type == "TriggererJob":
        return airflow_options.getint("triggerer", "triggerer_health_check_threshold")
    return airflow_options.getint("scheduler", "job_heartbeat_sec") * 2.1


def alive_jobs(job_type=None, hostname=None, limit=1):
    """jobs_command.check's query: running jobs, newest heartbeat first, limited, then those alive."""
    sql = "SELECT job_type, hostname, extract(epoch FROM now() - latest_heartbeat) FROM standin_job WHERE state = 'running'"
    parameters = {}
    if job_type:
        sql += " AND job_type = :job_type"
        parameters["job_type"] = job_type
    if hostname:
        sql += " AND hostname = :hostname"
        parameters["hostname"] = hostname
    sql += " ORDER BY latest_heartbeat DESC"
    if limit > 0:
        sql += f" LIMIT {int(limit)}"
    return [row for row in execute(sql, **parameters) if float(row[2]) < threshold(row[0])]


def latest_status(job_type):
    """airflow_health.get_airflow_health's per-component status: None without a job, else healthy or unhealthy."""
    rows = execute("SELECT extract(epoch FROM now() - latest_heartbeat), state FROM standin_job WHERE job_type = :t "
                   "ORDER BY latest_heartbeat DESC LIMIT 1", t=job_type)
    if not rows:
        return None
    age, state = rows[0]
    return "healthy" if state == "running" and float(age) < threshold(job_type) else "unhealthy"


def run_job(job_type, hostname, heartrate):
    """A job row that beats every `heartrate` seconds, as BaseJob's heartbeat does; returns only when the process ends."""
    job_id = execute("INSERT INTO standin_job (job_type, state, hostname) VALUES (:t, 'running', :h) RETURNING id",
                     t=job_type, h=hostname)[0][0]
    while True:
        time.sleep(heartrate)
        try:
            execute("UPDATE standin_job SET latest_heartbeat = now() WHERE id = :id", id=job_id)
        except Exception as error:  # noqa: BLE001 - Airflow's heartbeat logs a failed beat and tries again
            print(f"stand-in: heartbeat failed: {error}", flush=True)


def set_pool(name, slots, description):
    """Pool.create_or_update_pool (airflow-core/src/airflow/models/pool.py): an empty name is refused; an existing pool
    gets the new slots and description, so setting it again changes nothing."""
    if not name:
        raise ValueError("Pool name shouldn't be empty")
    execute("INSERT INTO standin_pool VALUES (:p, :s, :d) ON CONFLICT (pool) DO UPDATE SET slots = :s, description = :d",
            p=name, s=slots, d=description)


def pools():
    return execute("SELECT pool, slots, description FROM standin_pool ORDER BY pool")

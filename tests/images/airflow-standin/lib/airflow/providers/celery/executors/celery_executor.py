"""STAND-IN (not Airflow) for the Celery provider's celery_executor module: only its Celery `app`, built as the
provider builds it (create_celery_app with default_celery.DEFAULT_CELERY_CONFIG) from the options Airflow reads,
so `celery --app airflow.providers.celery.executors.celery_executor.app inspect ping` is Celery's own answer."""
from celery import Celery

import airflow_options


def result_backend():
    """default_celery: [celery] result_backend, else the metadata database's URL with "db+" before it."""
    try:
        return airflow_options.get("celery", "result_backend")
    except airflow_options.AirflowConfigException:
        return "db+" + airflow_options.get("database", "sql_alchemy_conn")


app = Celery(
    airflow_options.get("celery", "celery_app_name", fallback="airflow.providers.celery.executors.celery_executor"),
    config_source={
        "accept_content": ["json"],
        "event_serializer": "json",
        "task_default_queue": airflow_options.get("operators", "default_queue", fallback="default"),
        "task_default_exchange": airflow_options.get("operators", "default_queue", fallback="default"),
        "broker_url": airflow_options.get("celery", "broker_url", fallback="redis://redis:6379/0"),
        "broker_connection_retry_on_startup": True,
        "result_backend": result_backend(),
        "worker_enable_remote_control": True,
    },
)

"""An ETL whose extract, transform and load steps each run in a pod of their own (KubernetesPodOperator).

Meant for a cluster deployment that allows tasks to launch pods (``.WithKubernetesPodOperator()``, as in
``examples/celery-redis``, or the KubernetesExecutor). The pods start in the namespace Airflow runs in.

Data moves between the steps through XCom: a step writes its result as JSON to
``/airflow/xcom/return.json``, the XCom sidecar hands it to Airflow, and the next step receives it as an
environment variable rendered from ``ti.xcom_pull``. Small public images only: ``python:3.12-slim`` and
``busybox``. Nothing here touches the network when the file is parsed.

The load step names the Airflow connection ``warehouse``, which ``examples/celery-redis`` declares with
``.WithConnection("warehouse", warehouse)``: Airflow reads it from ``AIRFLOW_CONN_WAREHOUSE`` and renders its host,
port and database into the pod's environment. Its password is left out on purpose: a pod's environment is part of
its spec, which anyone who can read pods sees; a real load reads it from a Kubernetes Secret instead.
"""

from __future__ import annotations

import pendulum
from kubernetes.client import models as k8s

from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.sdk import DAG

PYTHON_IMAGE = "python:3.12-slim"
BUSYBOX_IMAGE = "busybox:1.37"

# Each step is small: a tenth of a core and 128 MiB requested, at most half a core and 256 MiB.
SMALL_STEP = k8s.V1ResourceRequirements(
    requests={"cpu": "100m", "memory": "128Mi"},
    limits={"cpu": "500m", "memory": "256Mi"},
)

# The scripts are templated fields of the operator, so they avoid Jinja's markers on purpose.
EXTRACT = """
import json, os
orders = [
    dict(order_id=1, region="emea", amount=120.0),
    dict(order_id=2, region="amer", amount=80.5),
    dict(order_id=3, region="emea", amount=42.25),
    dict(order_id=4, region="apac", amount=310.0),
    dict(order_id=5, region="amer", amount=19.99),
]
os.makedirs("/airflow/xcom", exist_ok=True)
with open("/airflow/xcom/return.json", "w") as out:
    json.dump(orders, out)
print("extracted", len(orders), "orders")
"""

TRANSFORM = """
import json, os
orders = json.loads(os.environ["ORDERS"])
totals = dict()
for order in orders:
    totals[order["region"]] = round(totals.get(order["region"], 0.0) + order["amount"], 2)
summary = dict(orders=len(orders), revenue=round(sum(totals.values()), 2), by_region=totals)
os.makedirs("/airflow/xcom", exist_ok=True)
with open("/airflow/xcom/return.json", "w") as out:
    json.dump(summary, out)
print("transformed:", json.dumps(summary, sort_keys=True))
"""

LOAD = 'echo "loading summary into the warehouse at $WAREHOUSE: $SUMMARY" && echo "load done"'

common = dict(
    in_cluster=True,
    get_logs=True,
    on_finish_action="delete_pod",
    container_resources=SMALL_STEP,
    labels={"app.kubernetes.io/part-of": "airflow", "airflow-dag": "kpo_etl"},
    startup_timeout_seconds=300,
)

with DAG(
    dag_id="kpo_etl",
    description="Extract, transform and load, each step in its own pod",
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    tags=["example", "kubernetes"],
):
    extract = KubernetesPodOperator(
        task_id="extract",
        name="kpo-etl-extract",
        image=PYTHON_IMAGE,
        cmds=["python", "-c"],
        arguments=[EXTRACT],
        do_xcom_push=True,
        **common,
    )

    transform = KubernetesPodOperator(
        task_id="transform",
        name="kpo-etl-transform",
        image=PYTHON_IMAGE,
        cmds=["python", "-c"],
        arguments=[TRANSFORM],
        env_vars={"ORDERS": "{{ ti.xcom_pull(task_ids='extract') | tojson }}"},
        do_xcom_push=True,
        **common,
    )

    load = KubernetesPodOperator(
        task_id="load",
        name="kpo-etl-load",
        image=BUSYBOX_IMAGE,
        cmds=["sh", "-c"],
        arguments=[LOAD],
        env_vars={
            "SUMMARY": "{{ ti.xcom_pull(task_ids='transform') | tojson }}",
            "WAREHOUSE": "{{ conn.warehouse.host }}:{{ conn.warehouse.port }}/{{ conn.warehouse.schema }}",
        },
        do_xcom_push=False,
        **common,
    )

    extract >> transform >> load

"""Two pods, one that passes and one that fails on purpose, and a report that runs either way.

For a cluster deployment that allows tasks to launch pods (``.WithKubernetesPodOperator()``, or the
KubernetesExecutor). ``fails`` exits 1 without retries, so the grid shows a red task next to a green one;
``report`` has ``trigger_rule="all_done"``, so it runs once both are finished, whatever their states, and the
run itself ends as a success with the failure visible. Nothing here touches the network when the file is parsed.
"""

from __future__ import annotations

import pendulum

from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator
from airflow.sdk import DAG

BUSYBOX_IMAGE = "busybox:1.37"

common = dict(
    image=BUSYBOX_IMAGE,
    cmds=["sh", "-c"],
    in_cluster=True,
    get_logs=True,
    on_finish_action="delete_pod",
    labels={"app.kubernetes.io/part-of": "airflow", "airflow-dag": "kpo_pass_fail"},
    startup_timeout_seconds=300,
    retries=0,
)

with DAG(
    dag_id="kpo_pass_fail",
    description="A pod task that passes, one that fails on purpose, and a report that runs after both",
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    tags=["example", "kubernetes"],
):
    passes = KubernetesPodOperator(
        task_id="passes",
        name="kpo-pass",
        arguments=['echo "this pod succeeds"'],
        **common,
    )

    fails = KubernetesPodOperator(
        task_id="fails",
        name="kpo-fail",
        arguments=['echo "this pod fails on purpose" >&2; exit 1'],
        **common,
    )

    report = KubernetesPodOperator(
        task_id="report",
        name="kpo-report",
        arguments=['echo "both pods are done: passes should be green, fails red"'],
        trigger_rule="all_done",
        **common,
    )

    [passes, fails] >> report

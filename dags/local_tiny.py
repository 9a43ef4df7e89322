"""The smallest useful DAG: two Python tasks, for the LocalExecutor (the scheduler runs them itself)."""

from __future__ import annotations

import pendulum

from airflow.sdk import DAG, task

with DAG(
    dag_id="local_tiny",
    description="Says hello, then counts the letters of the greeting",
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    tags=["example", "local"],
):

    @task
    def hello() -> str:
        greeting = "hello from the LocalExecutor"
        print(greeting)
        return greeting

    @task
    def count(greeting: str) -> int:
        print(f"{len(greeting)} characters")
        return len(greeting)

    count(hello())

"""A plain Python DAG that runs on the Celery workers of the default AppHost."""

from __future__ import annotations

import pendulum

from airflow.sdk import dag, task


@dag(
    dag_id="hello_celery",
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    tags=["example"],
)
def hello_celery():
    @task
    def extract() -> list[int]:
        return [1, 2, 3]

    @task
    def total(numbers: list[int]) -> int:
        result = sum(numbers)
        print(f"total is {result}")
        return result

    total(extract())


hello_celery()

"""The Airflow names the DAGs use, imported the way that works on Airflow 3 and on Airflow 2.11."""
# ruff: noqa: F401  (re-exports)
try:
    from airflow.sdk import DAG, Asset, Param
except ImportError:  # Airflow 2.x: no Task SDK; assets were called datasets
    from airflow import DAG
    from airflow.datasets import Dataset as Asset
    from airflow.models.param import Param

from airflow.exceptions import AirflowFailException
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.timetables.interval import CronDataIntervalTimetable

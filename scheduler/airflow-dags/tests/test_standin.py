"""The stand-in is only worth the tests built on it if it is as strict as Airflow where they rely on it."""
import pytest
from jinja2 import UndefinedError
from standin.airflow import DAG, AirflowException, Param, ParamValidationError
from standin.spark_submit import SparkSubmitOperator
from standin.templating import render_task, run_context


def test_an_unknown_operator_keyword_is_a_type_error():
    with DAG("d"):
        with pytest.raises(TypeError, match="aplication_args"):
            SparkSubmitOperator(task_id="t", aplication_args=["x"])


def test_an_unknown_dag_keyword_is_a_type_error():
    with pytest.raises(TypeError, match="schedule_interval"):
        DAG("d", schedule_interval="@daily")


def test_a_scheduled_dag_cannot_have_a_param_without_default():
    with pytest.raises(AirflowException, match="Schedule must be None"):
        DAG("d", schedule="@daily", params={"x": Param(type="string")})


def test_an_invalid_param_default_fails_when_the_dag_is_parsed():
    with pytest.raises(ParamValidationError):
        DAG("d", schedule=None, params={"x": Param("yes", type="boolean")})


def test_an_undefined_name_in_a_template_fails_instead_of_rendering_empty():
    with DAG("d") as dag:
        task = SparkSubmitOperator(task_id="t", application_args=["{{ data_interval_start | ds }}"])
    with pytest.raises(UndefinedError):
        render_task(task, run_context(dag, run_id="r", variables={}))


def test_a_missing_variable_fails_rendering():
    with DAG("d") as dag:
        task = SparkSubmitOperator(task_id="t", application="{{ var.value.historylane_jar }}")
    with pytest.raises(KeyError, match="historylane_jar"):
        render_task(task, run_context(dag, run_id="r", variables={}))


def test_default_args_fill_only_what_the_task_does_not_set():
    with DAG("d", default_args={"retries": 2, "pool": "p", "not_a_keyword": 1}):
        task = SparkSubmitOperator(task_id="t", retries=5)
    assert (task.retries, task.pool) == (5, "p")
    assert not hasattr(task, "not_a_keyword")

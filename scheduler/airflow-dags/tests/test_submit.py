"""A historylane task run to the end through the stand-in's SparkSubmitHook, with a stand-in for
the spark-submit binary that records its argv and exits as historylane would."""
import json
import stat

import golden
import pytest
from samples import SAMPLES
from standin import spark_submit
from standin.airflow import AirflowException, AirflowFailException
from standin.templating import render_in_place

REPORT = "reports/20250106T020312Z-backfill-facts-1a2b3c.json"


@pytest.fixture
def spark_submit_exiting(tmp_path, monkeypatch):
    """Points the historylane_spark connection at a script that exits with the given code."""

    def make(code, output):
        script = tmp_path / "spark-submit"
        script.write_text("#!/bin/sh\n"
                          f"printf '%s\\n' \"$@\" > {tmp_path}/argv\n"
                          f"printf '%s\\n' '{output}'\n"
                          f"exit {code}\n")
        script.chmod(script.stat().st_mode | stat.S_IEXEC)
        monkeypatch.setitem(spark_submit.CONNECTIONS, "historylane_spark",
                            {"master": "yarn", "extra": {"spark-binary": str(script)}})
        return tmp_path / "argv"

    return make


def run_backfill_sales(dags):
    sample = next(s for s in SAMPLES if s.dag_id == "historylane_daily_facts")
    dag = dags[sample.dag_id]
    task = dag.task_dict["backfill_sales"]
    render_in_place(task, sample.context(dag))
    task.execute({})


def test_spark_submit_gets_the_jar_the_main_class_client_mode_and_the_golden_args(dags3, spark_submit_exiting):
    argv_file = spark_submit_exiting(0, "backfill facts: succeeded (exit 0); report: " + REPORT)
    run_backfill_sales(dags3)
    document = json.loads((golden.GOLDEN / "historylane_daily_facts__backfill_sales.json").read_text(encoding="utf-8"))
    assert argv_file.read_text().splitlines() == [
        "--master", "yarn", "--name", "historylane-backfill_sales", "--class", "io.historylane.app.Main",
        "--deploy-mode", "client", "/opt/historylane/historylane-app-0.1.0-SNAPSHOT-spark.jar",
        *document["application_args"]]


def test_exit_1_fails_the_try_and_leaves_the_retries_to_airflow(dags3, spark_submit_exiting):
    spark_submit_exiting(1, "backfill facts: failed (exit 1); report: " + REPORT)
    with pytest.raises(AirflowException) as failure:
        run_backfill_sales(dags3)
    assert not isinstance(failure.value, AirflowFailException)


def test_exit_2_fails_the_task_without_retries(dags3, spark_submit_exiting):
    spark_submit_exiting(2, "backfill facts: --from 2025-02-30 is not a date: write YYYY-MM-DD, e.g. 2025-01-31")
    with pytest.raises(AirflowFailException, match="exit 2: bad input"):
        run_backfill_sales(dags3)


def test_exit_3_fails_the_task_without_retries_and_names_the_refresh_to_run(dags3, spark_submit_exiting):
    spark_submit_exiting(3, "backfill facts: follow up failed (exit 3); report: " + REPORT)
    with pytest.raises(AirflowFailException, match=f"historylane refresh --report {REPORT}"):
        run_backfill_sales(dags3)

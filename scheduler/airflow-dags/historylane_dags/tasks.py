"""One Airflow task per historylane command, and the operational settings every DAG shares."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from historylane_dags import argv, exit_codes
from historylane_dags.airflow_api import AirflowFailException, SparkSubmitOperator

#: The Spark connection: its host is the master (yarn, spark://..., k8s://...), its extras the
#: queue and spark-binary. The deploy mode is not taken from it (see HistorylaneSubmitOperator).
SPARK_CONNECTION = "historylane_spark"
#: Caps how many historylane spark-submits run at once across all DAGs.
POOL = "historylane_spark"

#: The first interval the schedules know; catchup is off, so a new deployment starts at the
#: latest interval and older ones are filled with `airflow backfill create` or historylane_repair.
START_DATE = datetime(2025, 1, 1, tzinfo=timezone.utc)

DEFAULT_ARGS = {
    "owner": "historylane",
    "pool": POOL,
    # for exit 1 (nothing committed by the failing step) only; exits 2 and 3 are never retried
    "retries": 2,
    "retry_delay": timedelta(minutes=15),
    # execution_timeout is set per task (historylane_task): a backfill may take hours, a cut minutes
}

#: What every historylane DAG sets: one run at a time, no catchup, the shared task defaults.
DAG_DEFAULTS = {"start_date": START_DATE, "catchup": False, "max_active_runs": 1, "default_args": DEFAULT_ARGS}


class HistorylaneSubmitOperator(SparkSubmitOperator):
    """spark-submit of the historylane application jar that keeps the CLI's exit-code contract.

    The deploy mode is client: the driver is the spark-submit process on the worker, so its exit
    code is historylane's and the worker's environment (where credentials live) is the driver's.
    A failure with exit 2 or 3 is re-raised as AirflowFailException, which Airflow never retries.
    """

    def __init__(self, *, command: list[str], **kwargs):
        super().__init__(
            application=argv.APPLICATION,
            java_class=argv.MAIN_CLASS,
            conn_id=SPARK_CONNECTION,
            deploy_mode="client",
            name="historylane-" + kwargs["task_id"],
            application_args=command,
            **kwargs,
        )

    def execute(self, context):
        try:
            return super().execute(context)
        except Exception as failure:
            reason = exit_codes.no_retry_reason(str(failure))
            if reason is None:
                raise
            raise AirflowFailException(reason) from failure


def historylane_task(task_id: str, command: list[str], *, hours: float, outlets=()) -> HistorylaneSubmitOperator:
    """A task running one historylane command, with its own execution timeout."""
    return HistorylaneSubmitOperator(task_id=task_id, command=command,
                                     execution_timeout=timedelta(hours=hours), outlets=list(outlets))

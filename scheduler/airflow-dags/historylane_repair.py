"""Manual repair of tables for a date range: backfill, compact what changed, refresh StarRocks
(`historylane repair`). Trigger it with the range and the tables:

    airflow dags trigger historylane_repair -c '{"from": "2025-01-01", "to": "2025-02-01", "tables": "sales"}'

Airflow validates the params when the run is triggered and again before the task starts: a
malformed date never reaches Spark. `from` must be before `to` (`to` is excluded); that rule spans
two params, so the application checks it and exits 2 before Spark starts, and exit 2 is not
retried. A retry after exit 1 resumes the same repair (its id is the run's id).
"""
from historylane_dags import argv
from historylane_dags.airflow_api import DAG, Param
from historylane_dags.tasks import DAG_DEFAULTS, historylane_task

#: registered table names or globs, comma-separated (sales,dim_*)
TABLES_PATTERN = r"^[A-Za-z0-9_*?]+(,[A-Za-z0-9_*?]+)*$"

with DAG(
    dag_id="historylane_repair",
    description="Repair tables for a date range: backfill -> compact -> refresh StarRocks",
    schedule=None,
    **DAG_DEFAULTS,
    params={
        "from": Param(type="string", format="date", title="From", description="First day, YYYY-MM-DD (included)"),
        "to": Param(type="string", format="date", title="To", description="Day after the range, YYYY-MM-DD (excluded)"),
        "tables": Param(type="string", pattern=TABLES_PATTERN, title="Tables",
                        description="Registered tables, comma-separated; globs allowed: sales,dim_*"),
        "dry_run": Param(False, type="boolean", title="Dry run", description="Print every step's plan; change nothing"),
    },
    tags=["historylane", "repair"],
    doc_md=__doc__,
) as dag:
    historylane_task("repair", argv.repair(), hours=12)

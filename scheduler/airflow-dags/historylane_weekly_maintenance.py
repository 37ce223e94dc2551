"""Weekly maintenance of every table, Iceberg and Paimon: compact what needs it, expire old
snapshots (never those a tag or branch holds), then move orphan files into quarantine, where
`historylane hygiene restore` can put them back. Sundays 03:00 UTC.
"""
from historylane_dags import argv
from historylane_dags.airflow_api import DAG
from historylane_dags.tables import ALL_TABLES
from historylane_dags.tasks import DAG_DEFAULTS, historylane_task

with DAG(
    dag_id="historylane_weekly_maintenance",
    description="Compact, expire snapshots, sweep orphan files into quarantine",
    # a trigger time only: the commands work on the tables' current state, not on an interval
    schedule="0 3 * * 0",
    **DAG_DEFAULTS,
    tags=["historylane", "maintenance"],
    doc_md=__doc__,
) as dag:
    (
        historylane_task("compact", argv.compact_all(ALL_TABLES), hours=6)
        >> historylane_task("expire_snapshots", argv.expire_snapshots(ALL_TABLES), hours=2)
        >> historylane_task("sweep_orphans", argv.sweep_orphans(ALL_TABLES), hours=4)
    )

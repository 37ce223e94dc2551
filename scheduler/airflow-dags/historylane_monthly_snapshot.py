"""Monthly snapshot cut: tag every table as it was at the end of the month, with one name,
`eom-YYYY-MM`, readable later with `VERSION AS OF 'eom-2025-01'` (`historylane snapshot show`).

The run for January starts 2025-02-01 06:00 UTC, after the daily runs for January 31 (02:00), and
cuts as of that instant: the last snapshot of each table committed at or before it.
"""
from historylane_dags import argv
from historylane_dags.airflow_api import DAG, CronDataIntervalTimetable
from historylane_dags.tables import ALL_TABLES, TIMEZONE
from historylane_dags.tasks import DAG_DEFAULTS, historylane_task

with DAG(
    dag_id="historylane_monthly_snapshot",
    description="Cut a month-end snapshot (tag eom-YYYY-MM) across every table",
    schedule=CronDataIntervalTimetable("0 6 1 * *", timezone=TIMEZONE),
    **DAG_DEFAULTS,
    tags=["historylane", "snapshots"],
    doc_md=__doc__,
) as dag:
    historylane_task("cut", argv.month_end_cut(ALL_TABLES), hours=1)

"""Daily DAGs, one per table family (facts, dims): rebuild the day that just ended from change
history, then compact the partitions that rebuild touched.

Each run covers its data interval [data_interval_start, data_interval_end), 02:00 to 02:00 UTC:
`backfill --from <start day> --to <end day>` is the day before the run. Backfill and compaction
each refresh StarRocks themselves when it is configured; exit 3 means the data is committed but
that refresh failed (README "Scheduling with Airflow").
"""
from historylane_dags import argv
from historylane_dags.airflow_api import DAG, Asset, CronDataIntervalTimetable
from historylane_dags.tables import DAILY_FAMILIES, TIMEZONE, asset_uri
from historylane_dags.tasks import DAG_DEFAULTS, historylane_task

for family in DAILY_FAMILIES:
    with DAG(
        dag_id=f"historylane_daily_{family.name}",
        description=f"Rebuild yesterday's {family.name} from change history, then compact it",
        # the data interval, not just a trigger time, is what the run works on
        schedule=CronDataIntervalTimetable("0 2 * * *", timezone=TIMEZONE),
        **DAG_DEFAULTS,
        tags=["historylane", family.name],
        doc_md=__doc__,
    ) as dag:
        for table in family.tables:
            rebuild = historylane_task(f"backfill_{table}", argv.backfill(family, table), hours=4,
                                       outlets=[Asset(asset_uri(table))])
            compact = historylane_task(f"compact_{table}", argv.compact_interval([table]), hours=2)
            rebuild >> compact
    # a module-level name for each DAG, which is how Airflow 2 finds DAGs made in a loop
    globals()[dag.dag_id] = dag
